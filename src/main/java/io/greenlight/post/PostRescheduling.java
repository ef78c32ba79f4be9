package io.greenlight.post;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Set;

/**
 * Moving a post to another time (the calendar's drag and drop). Before approval only the time changes. A
 * scheduled post's instance gets the message {@code PostRescheduled} with {@code publishAt}, {@code rescheduledBy} and
 * {@code rescheduledByManager}; the diagram decides whether it waits for the new time or goes back to review.
 */
@Service
@Transactional
public class PostRescheduling {

    private static final Set<PostStatus> MOVABLE = Set.of(PostStatus.DRAFT, PostStatus.IN_REVIEW,
            PostStatus.CHANGES_REQUESTED, PostStatus.SCHEDULED);

    private final PostService posts;
    private final RuntimeService runtime;
    private final SystemAccess system;

    public PostRescheduling(PostService posts, RuntimeService runtime, SystemAccess system) {
        this.posts = posts;
        this.runtime = runtime;
        this.system = system;
    }

    /** What happened: the post (its status after the move) and whether its approval still holds. */
    public record Moved(Post post, boolean wasApproved, boolean stillApproved) {
        public String message() {
            String title = "'" + post.getTitle() + "'";
            if (wasApproved && !stillApproved) {
                return "Moved " + title + ". It was approved for another time, so it went back to review.";
            }
            if (wasApproved) {
                return "Moved " + title + ". It stays approved and goes out at the new time.";
            }
            return "Moved " + title + ".";
        }
    }

    public Moved move(CurrentUser user, String postId, OffsetDateTime to) {
        Post post = posts.get(postId);
        post.requireMayChange(user, "move");
        if (!MOVABLE.contains(post.getStatus())) {
            throw UserFacingException.conflict("A post that is " + PostService.label(post.getStatus()) + " cannot be moved.");
        }
        if (to == null) {
            throw UserFacingException.invalid("scheduledAt: say when the post should go out.");
        }
        OffsetDateTime now = EngineClock.now();
        if (!to.isAfter(now)) {
            throw UserFacingException.invalid("scheduledAt: pick a time in the future (it is now " + now.toInstant() + ").");
        }
        if (to.getYear() > 9999) {
            throw UserFacingException.invalid("scheduledAt: the date is out of range.");
        }
        String instance = post.getProcessInstanceId();
        boolean approved = post.getStatus() == PostStatus.SCHEDULED;
        if (approved && instance != null) {
            boolean waiting = system.call(() -> runtime.createEventSubscriptionQuery().processInstanceId(instance)
                    .eventType("message").eventName(ProcessBindings.MESSAGE_POST_RESCHEDULED).count() > 0);
            if (!waiting) {
                throw UserFacingException.conflict("'" + post.getTitle() + "' is approved but not waiting for its time "
                        + "(publishing is paused or it is at another step), so it cannot be moved now.");
            }
            post.reschedule(to, now);
            system.run(() -> runtime.createMessageCorrelation(ProcessBindings.MESSAGE_POST_RESCHEDULED)
                    .processInstanceId(instance)
                    .setVariables(PostVariables.described(post))
                    .setVariable(ProcessBindings.PUBLISH_AT, Date.from(to.toInstant()))
                    .setVariable(ProcessBindings.RESCHEDULED_BY, user.id())
                    .setVariable(ProcessBindings.RESCHEDULED_BY_MANAGER, user.isManager())
                    .correlateWithResult());
            return new Moved(post, true, post.getStatus() == PostStatus.SCHEDULED);
        }
        post.reschedule(to, now);
        if (instance != null) {
            system.run(() -> {
                if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
                    runtime.setVariable(instance, ProcessBindings.SCHEDULED_AT_TEXT, PostVariables.scheduledAtText(post));
                }
            });
        }
        return new Moved(post, false, false);
    }
}
