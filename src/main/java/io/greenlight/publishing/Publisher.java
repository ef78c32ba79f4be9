package io.greenlight.publishing;

import io.greenlight.channel.Channel;

import java.util.Optional;

/**
 * A connector to one network. The engine runs a job at least once, so every connector says how a retry is kept
 * from posting twice ({@link #idempotency()}), and failures are reported as {@link PublishException}s whose
 * {@link PublishException.Kind} tells {@code publishPost} whether to retry, stop with an incident, or ask a
 * manager whether the post went out. Connectors that call a network's HTTP API extend {@link NetworkConnector}.
 */
public interface Publisher {

    /** The network this connector serves, as in {@code network_rule.network}. */
    String network();

    /** How this network keeps a retry from publishing twice. */
    default Idempotency idempotency() {
        return Idempotency.LOOKUP;
    }

    /** Publishes one variant; called again with the same request (same keys) when a job is retried. */
    PublishResult publish(PublishRequest request);

    /**
     * Whether this connector reads engagement ({@link #metrics}). The {@code post-metrics} sweep asks only the channels
     * of networks that do, so a network without metrics (the {@code local} feed, webhooks) is never asked.
     */
    default boolean hasMetrics() {
        return false;
    }

    /** Engagement of a published post; empty when the network gives none (the reading is skipped, not failed). */
    default Optional<EngagementCounts> metrics(Channel channel, String credentials, String externalId) {
        return Optional.empty();
    }

    /** Whether this network lets Greenlight delete a published post (recall); otherwise a person removes it. */
    default boolean canDelete() {
        return false;
    }

    /**
     * Deletes a published post (recall). A post that is already gone counts as deleted. Failures are
     * {@link PublishException}s like publishing's: {@code RETRY} is retried, {@code REJECTED} raises an incident.
     */
    default void delete(Channel channel, String credentials, String externalId) {
        throw new UnsupportedOperationException(network() + " posts cannot be deleted by API");
    }

    enum Idempotency {
        /** The connector finds an earlier attempt itself (unique record key, lookup): retrying is always safe. */
        LOOKUP,
        /** The network honours an idempotency key for about an hour (Mastodon); later, a person must check. */
        KEY_FOR_AN_HOUR,
        /** Nothing prevents a duplicate: an unknown outcome is never retried blindly. */
        NONE
    }
}
