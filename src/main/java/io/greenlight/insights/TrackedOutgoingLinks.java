package io.greenlight.insights;

import io.greenlight.review.OutgoingLinks;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link OutgoingLinks} as {@link LinkShortener} applies them when publishing. */
@Component
class TrackedOutgoingLinks implements OutgoingLinks {

    private final LinkShortener links;

    TrackedOutgoingLinks(LinkShortener links) {
        this.links = links;
    }

    @Override
    public Optional<String> shortLinkBase(String postId) {
        return links.shortLinkBase(postId);
    }
}
