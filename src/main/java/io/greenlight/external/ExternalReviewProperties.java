package io.greenlight.external;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * External approvers ({@code greenlight.external-review.*}, see docs/configuration.md and docs/security.md).
 *
 * @param linkValidity how long a review link works unless the stage sets {@code linkValidity} (default 3 days)
 * @param maxLinkValidity the longest validity a stage may ask for (default 30 days)
 * @param linkKey base64 of at least 32 random bytes that signs the links; when empty, a key is derived from
 *                {@code greenlight.secret-key}. Changing it kills every link sent so far.
 */
@ConfigurationProperties("greenlight.external-review")
public record ExternalReviewProperties(Duration linkValidity, Duration maxLinkValidity, String linkKey) {

    public ExternalReviewProperties {
        linkValidity = linkValidity == null || linkValidity.isNegative() || linkValidity.isZero() ? Duration.ofDays(3) : linkValidity;
        maxLinkValidity = maxLinkValidity == null || maxLinkValidity.isNegative() || maxLinkValidity.isZero()
                ? Duration.ofDays(30) : maxLinkValidity;
    }
}
