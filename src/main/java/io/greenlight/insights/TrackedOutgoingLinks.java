package io.greenlight.insights;

import io.greenlight.review.OutgoingLinks;
import io.greenlight.web.PublicAddress;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@link OutgoingLinks} as {@link LinkShortener} applies them: links become Greenlight short links unless the post
 * opted out or {@code greenlight.base-url} is no public address ({@link PublicAddress}).
 */
@Component
class TrackedOutgoingLinks implements OutgoingLinks {

    private final LinkTracking tracking;
    private final PublicAddress address;

    TrackedOutgoingLinks(LinkTracking tracking, PublicAddress address) {
        this.tracking = tracking;
        this.address = address;
    }

    @Override
    public Optional<String> shortLinkBase(String postId) {
        return address.base().filter(base -> !tracking.isOptedOut(postId)).map(base -> base + "/r/");
    }
}
