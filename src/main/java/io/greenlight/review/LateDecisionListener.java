package io.greenlight.review;

import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.post.TimelineNotes;
import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.post.PostStatus;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.EngineRefusal;
import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;

/**
 * Built into every user task with the form {@code late-post}: a post approved more than the grace period
 * after its publishing time. On complete, {@code lateDecision} must be
 * <ul>
 *   <li>{@code publish-now}: {@code publishAt} = now;</li>
 *   <li>{@code reschedule}: {@code newPublishAt} (ISO, with an offset or in the post's time zone) must lie ahead; it
 *       becomes the post's time and {@code publishAt};</li>
 *   <li>{@code cancel}: the post goes back to draft (the diagram ends the publication).</li>
 * </ul>
 * Anything else is refused with 400. The decision is noted on the post's timeline and the author is told.
 */
@Component
public class LateDecisionListener implements TaskListener {

    public static final String FORM = "late-post";
    public static final String LATE_DECISION = "lateDecision";
    public static final String NEW_PUBLISH_AT = "newPublishAt";

    private final PostProgress posts;
    private final TimelineNotes notes;
    private final ApplicationEventPublisher events;

    public LateDecisionListener(PostProgress posts, TimelineNotes notes, ApplicationEventPublisher events) {
        this.posts = posts;
        this.notes = notes;
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            if (EVENTNAME_CREATE.equals(task.getEventName())) {
                task.getExecution().removeVariable(LATE_DECISION);
                task.getExecution().removeVariable(NEW_PUBLISH_AT);
                Post post = posts.require(task.getExecution().getProcessBusinessKey());
                notes.add(post.getId(), "late", null, "Approved after its publishing time (" + post.getScheduledAt()
                        + "): managers decide whether to publish now, reschedule or cancel.");
            }
            return;
        }
        Post post = posts.require(task.getExecution().getProcessBusinessKey());
        Object raw = task.getVariable(LATE_DECISION);
        String decision = raw == null ? "" : raw.toString().strip();
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String who = auth != null ? auth.getUserId() : task.getAssignee();
        OffsetDateTime now = EngineClock.now();
        String outcome;
        switch (decision) {
            case "publish-now" -> {
                task.getExecution().setVariable(ProcessBindings.PUBLISH_AT, Date.from(now.toInstant()));
                outcome = "publish it now";
            }
            case "reschedule" -> {
                OffsetDateTime at = parse(task.getVariable(NEW_PUBLISH_AT), post);
                if (!at.isAfter(now)) {
                    throw EngineRefusal.invalid("The new publishing time must lie ahead (now is " + now + ").");
                }
                post.reschedule(at, now);
                task.getExecution().setVariable(ProcessBindings.PUBLISH_AT, Date.from(at.toInstant()));
                outcome = "reschedule it to " + at;
            }
            case "cancel" -> {
                post.moveTo(PostStatus.DRAFT, now);
                outcome = "cancel the publication (the post is a draft again)";
            }
            default -> throw EngineRefusal.invalid("'lateDecision' must be publish-now, reschedule or cancel"
                    + (raw == null ? " and is missing." : "; got '" + raw + "'."));
        }
        task.getExecution().setVariable(LATE_DECISION, decision);
        notes.add(post.getId(), "late", who, (who == null ? "Managers" : who) + " decided to " + outcome + ".");
        events.publishEvent(new ApprovedLate(post.getId(), post.getTitle(), post.getAuthor(), who, outcome));
    }

    static OffsetDateTime parse(Object raw, Post post) {
        String text = raw == null ? "" : raw.toString().strip();
        if (text.isEmpty()) {
            throw EngineRefusal.invalid("Rescheduling needs 'newPublishAt', e.g. 2026-12-01T09:00 or 2026-12-01T09:00+01:00.");
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atZone(ZoneId.of(post.getTimeZone())).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw EngineRefusal.invalid("'" + text + "' is not a time like 2026-12-01T09:00 or 2026-12-01T09:00+01:00.");
            }
        }
    }
}
