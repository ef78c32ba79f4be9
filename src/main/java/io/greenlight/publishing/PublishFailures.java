package io.greenlight.publishing;

import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.post.Post;
import io.greenlight.engine.EngineClock;
import io.greenlight.security.Groups;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Records a failed publish in its own transaction: the job's transaction rolls back, the record must not. On the
 * last attempt the variant and the post are FAILED and the author and {@code managers} are told.
 */
@Component
public class PublishFailures {

    @PersistenceContext
    private EntityManager em;

    private final ApplicationEventPublisher events;

    public PublishFailures(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String postId, String channel, String error, boolean lastAttempt) {
        Post post = PublishLedger.locked(em, postId);
        if (post == null) {
            return;
        }
        post.variant(channel).ifPresent(variant -> {
            if (lastAttempt) {
                variant.markFailed(error);
            } else {
                variant.recordError(error);
            }
        });
        PublishLedger.settle(post, EngineClock.now());
        if (lastAttempt) {
            events.publishEvent(new PublishFailed(postId, post.getTitle(), post.getAuthor(), channel, error));
        }
    }

    /** A variant whose outcome is unknown: shown on the post while a manager checks. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void waitingForCheck(String postId, String channel, String error) {
        Post post = PublishLedger.locked(em, postId);
        if (post != null) {
            post.variant(channel).ifPresent(v -> v.recordError("Waiting for a manager to check whether it went out: " + error));
        }
    }
}
