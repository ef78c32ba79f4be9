package io.greenlight.publishing;

import io.greenlight.channel.Channel;
import io.greenlight.channel.NetworkRule;
import io.greenlight.channel.NetworkRuleRepository;
import io.greenlight.engine.EngineClock;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The networks' per-account publishing limits ({@code network_rule.max_posts} per {@code post_window}: Instagram 50 /
 * 24 h, LinkedIn ~150 / day, Threads 250 / 24 h). Counts what was sent to the channel within the window (published,
 * or sent with an unknown outcome) and says when the next slot opens; {@code publishPost} then waits for it
 * ({@link PublishException#waitForSlot}) instead of letting the network refuse the post.
 */
@Component
public class PublishingRateLimits {

    @PersistenceContext
    private EntityManager em;

    private final NetworkRuleRepository rules;

    public PublishingRateLimits(NetworkRuleRepository rules) {
        this.rules = rules;
    }

    /** When the channel may publish again, or empty when it may now. {@code ownKey}: this post's intent, not counted. */
    @Transactional(readOnly = true)
    public Optional<OffsetDateTime> nextSlot(Channel channel, String ownKey) {
        NetworkRule rule = rules.findById(channel.getNetwork()).orElse(null);
        if (rule == null || rule.getMaxPosts() == null || rule.getPostWindow() == null || rule.getMaxPosts() < 1) {
            return Optional.empty();
        }
        OffsetDateTime now = EngineClock.now();
        List<OffsetDateTime> sent = em.createQuery("select i.updatedAt from PublishIntent i where i.channel = :channel "
                        + "and i.state in :states and i.updatedAt > :since and i.idempotencyKey <> :key order by i.updatedAt desc",
                        OffsetDateTime.class)
                .setParameter("channel", channel.getKey())
                .setParameter("states", List.of(PublishIntent.State.PUBLISHED, PublishIntent.State.SENDING, PublishIntent.State.UNKNOWN))
                .setParameter("since", now.minus(rule.getPostWindow()))
                .setParameter("key", ownKey == null ? "" : ownKey)
                .setMaxResults(rule.getMaxPosts())
                .getResultList();
        if (sent.size() < rule.getMaxPosts()) {
            return Optional.empty();
        }
        // the oldest of the last max_posts must leave the window first
        OffsetDateTime slot = sent.get(sent.size() - 1).plus(rule.getPostWindow());
        return slot.isAfter(now) ? Optional.of(slot) : Optional.empty();
    }
}
