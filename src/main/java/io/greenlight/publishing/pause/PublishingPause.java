package io.greenlight.publishing.pause;

import io.greenlight.publishing.PublishingPaused;
import io.greenlight.publishing.PublishingAuditRepository;
import io.greenlight.publishing.PublishingAudit;
import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ${publishingPause}}: the crisis pause. Its stored state is read by the diagram
 * ({@code ${publishingPause.active}}) and by every publish step, so nothing publishes while it is on — also posts
 * approved during the pause. Pausing also sends the signal {@value #PAUSED_SIGNAL}, which the diagram catches where
 * posts wait for their time, so held posts are visible where they wait. Resuming correlates the message
 * {@value #RESUMED_MESSAGE} to every held post with the variable {@code resumeTo}: {@code review} for posts approved
 * before the pause (unless the manager resumes "as-scheduled"), otherwise {@code publish}.
 */
@Service("publishingPause")
@Transactional
public class PublishingPause {

    public static final String PAUSED_SIGNAL = "PublishingPaused";
    public static final String RESUMED_MESSAGE = "PublishingResumed";
    public static final String RESUME_TO = "resumeTo";
    public static final String MODE_REVIEW = "review";
    public static final String MODE_AS_SCHEDULED = "as-scheduled";

    private final PublishingPauseRepository states;
    private final PublishingAuditRepository audit;
    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final SystemAccess system;
    private final PostProgress posts;
    private final ApplicationEventPublisher events;

    public PublishingPause(PublishingPauseRepository states, PublishingAuditRepository audit, JdbcTemplate jdbc,
                           RuntimeService runtime, SystemAccess system, PostProgress posts,
                           ApplicationEventPublisher events) {
        this.events = events;
        this.states = states;
        this.audit = audit;
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.system = system;
        this.posts = posts;
    }

    /** Whether publishing is paused now (read straight from the database, in the caller's transaction). */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public boolean isActive() {
        Boolean paused = jdbc.queryForObject("select paused from publishing_pause where id = 1", Boolean.class);
        return Boolean.TRUE.equals(paused);
    }

    public record PauseView(boolean paused, String reason, String pausedBy, OffsetDateTime pausedAt, long held) {
    }

    public record ResumeResult(String mode, int resumed, int backToReview, int publishing) {
    }

    @Transactional(readOnly = true)
    public PauseView current() {
        PublishingPauseState s = state();
        long held = s.isPaused() ? system.call(() -> runtime.createExecutionQuery()
                .messageEventSubscriptionName(RESUMED_MESSAGE).count()) : 0;
        return new PauseView(s.isPaused(), s.isPaused() ? s.getReason() : null, s.isPaused() ? s.getPausedBy() : null,
                s.isPaused() ? s.getPausedAt() : null, held);
    }

    public PauseView pause(CurrentUser user, String reason) {
        requireManager(user);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw UserFacingException.invalid("reason: say why publishing is paused (1-1,000 characters).");
        }
        PublishingPauseState s = state();
        if (s.isPaused()) {
            throw UserFacingException.conflict("Publishing is already paused since " + s.getPausedAt() + " by "
                    + s.getPausedBy() + ": " + s.getReason());
        }
        OffsetDateTime now = EngineClock.now();
        s.pause(why, user.id(), now);
        int waiting = system.call(() -> {
            long n = runtime.createEventSubscriptionQuery().eventType("signal").eventName(PAUSED_SIGNAL).count();
            runtime.createSignalEvent(PAUSED_SIGNAL).send();
            return (int) n;
        });
        audit.save(new PublishingAudit("PAUSE", user.id(), why, waiting, now));
        events.publishEvent(new PublishingPaused(user.id(), why, waiting));
        return current();
    }

    public ResumeResult resume(CurrentUser user, String mode) {
        requireManager(user);
        String m = mode == null || mode.isBlank() ? MODE_REVIEW : mode.strip();
        if (!MODE_REVIEW.equals(m) && !MODE_AS_SCHEDULED.equals(m)) {
            throw UserFacingException.invalid("mode: 'review' (posts approved before the pause go back to review) or "
                    + "'as-scheduled' (they publish as planned).");
        }
        PublishingPauseState s = state();
        if (!s.isPaused()) {
            throw UserFacingException.conflict("Publishing is not paused.");
        }
        OffsetDateTime pausedAt = s.getPausedAt();
        s.resume();
        int[] counts = system.call(() -> {
            int review = 0;
            int publish = 0;
            List<Execution> held = runtime.createExecutionQuery().messageEventSubscriptionName(RESUMED_MESSAGE).list();
            Set<String> instances = new LinkedHashSet<>();
            held.forEach(e -> instances.add(e.getProcessInstanceId()));
            for (String instanceId : instances) {
                ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
                Post post = instance == null ? null : posts.find(instance.getBusinessKey()).orElse(null);
                boolean approvedBefore = post != null && post.getApprovedAt() != null && !post.getApprovedAt().isAfter(pausedAt);
                String to = MODE_REVIEW.equals(m) && approvedBefore ? MODE_REVIEW : "publish";
                runtime.createMessageCorrelation(RESUMED_MESSAGE).processInstanceId(instanceId)
                        .setVariable(RESUME_TO, to).correlateWithResult();
                if (MODE_REVIEW.equals(to)) {
                    review++;
                } else {
                    publish++;
                }
            }
            return new int[]{review, publish};
        });
        audit.save(new PublishingAudit("RESUME", user.id(), "mode " + m + "; paused since " + pausedAt + " for: " + s.getReason(),
                counts[0] + counts[1], EngineClock.now()));
        return new ResumeResult(m, counts[0] + counts[1], counts[0], counts[1]);
    }

    @Transactional(readOnly = true)
    public List<PublishingAudit> history() {
        return audit.findTop50ByOrderByIdDesc();
    }

    private PublishingPauseState state() {
        return states.findById(PublishingPauseState.ID).orElseThrow(() -> new IllegalStateException("publishing_pause row 1 is missing"));
    }

    private static void requireManager(CurrentUser user) {
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers can pause or resume publishing.");
        }
    }
}
