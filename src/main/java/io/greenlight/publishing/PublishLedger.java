package io.greenlight.publishing;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantStatus;
import io.greenlight.engine.EngineClock;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.stream.Collectors;

/**
 * Every write around a network call, each in its <b>own</b> transaction, so no rollback of the publish job (at the
 * multi-instance join, say) can lose what the network already did:
 * the intent before the call; the result together with the variant and the post's status after it.
 * The post row is locked while its status is recomputed, so two channels finishing at once do not collide.
 */
@Component
public class PublishLedger {

    @PersistenceContext
    private EntityManager em;

    private final PublishIntentRepository intents;
    private final ApplicationEventPublisher events;

    public PublishLedger(PublishIntentRepository intents, ApplicationEventPublisher events) {
        this.intents = intents;
        this.events = events;
    }

    /** The key for (post, channel, content version): the same on every retry and after any restart. */
    public static String idempotencyKey(String postId, String channel, int contentVersion) {
        return "gl-" + DigestUtils.sha256Hex("greenlight|" + postId + "|" + channel + "|v" + contentVersion).substring(0, 32);
    }

    /**
     * What an attempt starts from: the intent as it was found, before this attempt.
     *
     * @param networkState what the connector saved in earlier attempts ({@link PublishProgress}), or null
     */
    public record Attempt(String key, PublishIntent.State before, int attempts, OffsetDateTime firstAttemptAt,
                          String networkState) {
        public boolean earlierAttemptUnresolved() {
            return before == PublishIntent.State.SENDING || before == PublishIntent.State.UNKNOWN;
        }
    }

    /** Finds or creates the intent and, unless {@code dryRun}, marks it SENDING; committed before the call. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Attempt begin(String postId, String channel, int contentVersion, boolean markSending) {
        String key = idempotencyKey(postId, channel, contentVersion);
        OffsetDateTime now = EngineClock.now();
        PublishIntent intent = intents.findByIdempotencyKey(key).orElse(null);
        if (intent == null) {
            // the first attempt: the intent is inserted already marked (one INSERT, not an INSERT and an UPDATE)
            PublishIntent fresh = new PublishIntent(key, postId, channel, contentVersion, now);
            Attempt first = new Attempt(key, fresh.getState(), fresh.getAttempts(), fresh.getCreatedAt(),
                    fresh.getNetworkState());
            if (markSending) {
                fresh.attempt(now);
            }
            try {
                intents.saveAndFlush(fresh);
                return first;
            } catch (DataIntegrityViolationException race) {
                intent = intents.findByIdempotencyKey(key).orElseThrow(() -> race);
            }
        }
        Attempt attempt = new Attempt(key, intent.getState(), intent.getAttempts(), intent.getCreatedAt(),
                intent.getNetworkState());
        if (markSending) {
            intent.attempt(now);
        }
        return attempt;
    }

    /**
     * Stores what the connector remembers of this publication ({@link PublishProgress#save}), committed at once: it
     * must survive the job's rollback, a crash and a restart.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void remember(String key, String networkState) {
        PublishIntent intent = intents.findByIdempotencyKey(key)
                .orElseThrow(() -> new IllegalStateException("No publish intent " + key));
        intent.remember(networkState, EngineClock.now());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void outcome(String key, PublishIntent.State state, String error) {
        intents.findByIdempotencyKey(key).ifPresent(i -> i.moveTo(state, error, EngineClock.now()));
    }

    /**
     * The network took the post: intent, variant and post status in one transaction.
     *
     * @return true when the variant was not yet marked published (first time)
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void published(String key, String postId, String channel, PublishResult result) {
        OffsetDateTime now = EngineClock.now();
        intents.findByIdempotencyKey(key).ifPresent(i -> i.published(result.externalId(), result.url(), now));
        Post post = lockedFresh(postId);
        if (post == null) {
            return;
        }
        post.variant(channel).ifPresent(v -> {
            if (v.getStatus() != VariantStatus.PUBLISHED) {
                v.markPublished(result.externalId(), result.url(), now);
            }
        });
        settleAndTell(post, now);
    }

    /** Recomputes the post's status from its variants, under the post's lock. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void settle(String postId) {
        Post post = lockedFresh(postId);
        if (post != null) {
            settleAndTell(post, EngineClock.now());
        }
    }

    /**
     * The post as the database holds it, its row locked until this transaction ends. Every caller runs in a
     * transaction of its own ({@code REQUIRES_NEW}: a new persistence context, or {@link #confirmedByManager}, which
     * loads nothing before), so what the locked select reads is the row's current state; no refresh is needed.
     */
    private Post lockedFresh(String postId) {
        return locked(em, postId);
    }

    /**
     * Locks the post's row with a select of that row alone, then reads its variants. Loading the post by id joins its
     * (eager) variants in, and PostgreSQL cannot lock the outer side of a join: Hibernate then read the post first and
     * locked it in a second select (follow-on locking), so a channel finishing meanwhile left this transaction with a
     * stale version and its lock failed — the outcome of a call that had gone out was rolled back.
     */
    static Post locked(EntityManager em, String postId) {
        return em.createQuery("select p from Post p where p.id = :id", Post.class)
                .setParameter("id", postId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
    }

    /**
     * Settles the status and, the one time the post becomes PUBLISHED (under the post's lock, in the same
     * transaction as the status), tells the author (event {@code published}: in-app by default).
     */
    private void settleAndTell(Post post, OffsetDateTime now) {
        if (settle(post, now) && post.getStatus() == PostStatus.PUBLISHED) {
            String where = post.getVariants().stream()
                    .map(v -> v.getExternalUrl() == null ? v.getChannel() : v.getChannel() + " (" + v.getExternalUrl() + ")")
                    .collect(Collectors.joining(", "));
            events.publishEvent(new PostPublished(post.getId(), post.getTitle(), post.getAuthor(), where));
        }
    }

    /** Recomputes the post's status from its variants; true when it changed. */
    static boolean settle(Post post, OffsetDateTime now) {
        PostStatus status = post.allVariantsPublished() ? PostStatus.PUBLISHED
                : post.getVariants().stream().anyMatch(v -> v.getStatus() == VariantStatus.FAILED) ? PostStatus.FAILED
                : PostStatus.PUBLISHING;
        if (post.getStatus() != status) {
            post.moveTo(status, now);
            return true;
        }
        return false;
    }

    /** A manager confirmed that the variant went out (with the URL they found). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void confirmedByManager(String postId, String channel, int contentVersion, String url, String manager) {
        String key = idempotencyKey(postId, channel, contentVersion);
        published(key, postId, channel, new PublishResult(url == null || url.isBlank() ? "confirmed-by-" + manager : url,
                url == null || url.isBlank() ? null : url));
    }

    /** A manager found that the variant did not go out: the next attempt may call the network again. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void retryAllowed(String postId, String channel, int contentVersion, String manager) {
        outcome(idempotencyKey(postId, channel, contentVersion), PublishIntent.State.RETRY, "Checked by " + manager + ": not out");
    }

    static boolean isPublished(PostVariant v) {
        return v.getStatus() == VariantStatus.PUBLISHED;
    }
}
