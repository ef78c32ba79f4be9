package io.greenlight.conversation;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClientResponseException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A network said "not now" (429, or no requests left in the window): the next poll waits until it allows one.
 * Reads {@code Retry-After} (seconds), Mastodon's {@code X-RateLimit-Reset} (ISO time) and Bluesky's
 * {@code RateLimit-Reset} (epoch seconds).
 */
class RateLimited extends RuntimeException {

    private final OffsetDateTime until;

    RateLimited(OffsetDateTime until) {
        super("rate-limited until " + until);
        this.until = until;
    }

    OffsetDateTime until() {
        return until;
    }

    static OffsetDateTime resetOf(HttpHeaders headers, OffsetDateTime now) {
        String retry = headers.getFirst("Retry-After");
        if (retry != null && retry.strip().matches("\\d{1,7}")) {
            return now.plusSeconds(Long.parseLong(retry.strip()));
        }
        for (String name : new String[]{"X-RateLimit-Reset", "RateLimit-Reset", "ratelimit-reset"}) {
            String v = headers.getFirst(name);
            if (v == null || v.isBlank()) {
                continue;
            }
            v = v.strip();
            if (v.matches("\\d{9,11}")) {
                return Instant.ofEpochSecond(Long.parseLong(v)).atOffset(ZoneOffset.UTC);
            }
            try {
                return OffsetDateTime.parse(v);
            } catch (DateTimeParseException ignored) {
                // not a time: fall through
            }
        }
        return now.plus(Duration.ofMinutes(5));
    }

    /** A 429 becomes a {@link RateLimited}; anything else is rethrown as it is. */
    static RuntimeException translate(RuntimeException e, OffsetDateTime now) {
        if (e instanceof RestClientResponseException r && r.getStatusCode().value() == 429) {
            return new RateLimited(resetOf(r.getResponseHeaders() == null ? new HttpHeaders() : r.getResponseHeaders(), now));
        }
        return e;
    }

    /** When the window is used up ({@code X-RateLimit-Remaining: 0}), the time it resets; else null. */
    static OffsetDateTime exhausted(HttpHeaders headers, OffsetDateTime now) {
        String remaining = headers.getFirst("X-RateLimit-Remaining");
        if (remaining == null) {
            remaining = headers.getFirst("RateLimit-Remaining");
        }
        return "0".equals(remaining == null ? null : remaining.strip()) ? resetOf(headers, now) : null;
    }
}
