package io.greenlight.insights;

import io.greenlight.review.OutgoingLinks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link OutgoingLinks}: unless the post opted out, {@link LinkShortener} replaces its links by Greenlight short links. */
@Component
class TrackedOutgoingLinks implements OutgoingLinks {

    private final LinkTracking tracking;
    private final String baseUrl;

    TrackedOutgoingLinks(LinkTracking tracking, @Value("${greenlight.base-url}") String baseUrl) {
        this.tracking = tracking;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public Optional<String> shortLinkBase(String postId) {
        return tracking.isOptedOut(postId) ? Optional.empty() : Optional.of(baseUrl + "/r/");
    }
}
