package io.greenlight.review;

import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.team.Teams;
import io.greenlight.team.WorkingCalendar;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@code ${deadlines}}: due dates and reminder times for review stages, from the engine's clock.
 * <p>
 * A stage's due date is the earlier of
 * <ol>
 *   <li>now (the stage's start) + the stage's SLA, counted on its team's working calendar (working hours and holidays
 *       in the team's time zone, when the team has them), and</li>
 *   <li>the post's publishing time − the lead time ({@code greenlight.review.lead-time}, 2 h),</li>
 * </ol>
 * but never sooner than {@code greenlight.review.minimum-clock} (15 min) from now. The SLA is the diagram's, when it
 * passes one, else the shortest configured for the stage, the post's campaign or its channels, else
 * {@code greenlight.review.sla} (24 h).
 * <ul>
 *   <li>{@code ${deadlines.reviewDue(execution)}}, {@code ${deadlines.reviewDue(execution, 'PT48H')}}: this task's due date;</li>
 *   <li>{@code ${deadlines.stagesDue(execution)}}: the earliest due date of the routed stages (a timer on the
 *       multi-instance {@code review-stage}, which Camunda attaches to all its instances at once);</li>
 *   <li>{@code ${deadlines.reminder(execution)}}: half-way to the due date when that is two days away or less, otherwise
 *       one day before it; {@code ${deadlines.stagesReminder(execution)}} the same for the routed stages;</li>
 *   <li>{@code ${deadlines.before(execution, 'PT1H')}}: one hour before the due date (a second reminder), never in the past;</li>
 *   <li>{@code ${deadlines.approvedLate(execution)}}: the approval comes more than {@code greenlight.review.late-grace}
 *       (15 min) after the post's publishing time.</li>
 * </ul>
 * The no-argument forms {@code reviewDue()} and {@code reminder()} of the first version stay for instances in flight:
 * now + the default SLA.
 */
@Component("deadlines")
@EnableConfigurationProperties(DeadlineSettings.class)
public class Deadlines {

    private static final Duration TWO_DAYS = Duration.ofDays(2);
    /** The first review's stage name (its decision is recorded as {@code decision_review}). */
    static final String FIRST_STAGE = "review";

    private final DeadlineSettings settings;
    private final PostProgress posts;
    private final Teams teams;

    public Deadlines(DeadlineSettings settings, PostProgress posts, Teams teams) {
        this.settings = settings;
        this.posts = posts;
        this.teams = teams;
    }

    // ---- the diagram's expressions --------------------------------------------------------------------------------

    public Date reviewDue(DelegateExecution execution) {
        return Date.from(due(execution, stageOf(execution), null));
    }

    public Date reviewDue(DelegateExecution execution, String sla) {
        return Date.from(due(execution, stageOf(execution), parse(sla)));
    }

    public Date stagesDue(DelegateExecution execution) {
        return Date.from(earliestStageDue(execution));
    }

    public Date reminder(DelegateExecution execution) {
        return Date.from(reminderFor(due(execution, stageOf(execution), null)));
    }

    public Date reminder(DelegateExecution execution, String sla) {
        return Date.from(reminderFor(due(execution, stageOf(execution), parse(sla))));
    }

    public Date stagesReminder(DelegateExecution execution) {
        return Date.from(reminderFor(earliestStageDue(execution)));
    }

    public Date before(DelegateExecution execution, String ahead) {
        Instant at = due(execution, stageOf(execution), null).minus(parse(ahead));
        Instant now = now();
        return Date.from(at.isBefore(now) ? now : at);
    }

    public boolean approvedLate(DelegateExecution execution) {
        return posts.find(execution.getProcessBusinessKey()).map(this::approvedLate).orElse(false);
    }

    /** First-version forms, kept for instances in flight: now + the default SLA. */
    public Date reviewDue() {
        return Date.from(now().plus(settings.sla()));
    }

    public Date reviewDue(String sla) {
        return Date.from(now().plus(parse(sla)));
    }

    public Date reminder() {
        return Date.from(reminderFor(now().plus(settings.sla())));
    }

    public Date reminder(String sla) {
        return Date.from(reminderFor(now().plus(parse(sla))));
    }

    // ---- the rule -------------------------------------------------------------------------------------------------

    /** The due date of {@code stage} of {@code post} starting now; {@code explicitSla} overrides the configured one. */
    public Instant due(Post post, String stage, Duration explicitSla) {
        Instant now = now();
        Duration sla = explicitSla != null ? explicitSla : sla(post, stage);
        String team = stage == null || stage.equals(FIRST_STAGE) ? settings.team() : stage;
        WorkingCalendar calendar = teams.calendar(team);
        Instant bySla = calendar.plus(now, sla);
        Instant due = bySla;
        if (post != null && post.getScheduledAt() != null) {
            Instant byPublish = post.getScheduledAt().toInstant().minus(settings.leadTime());
            if (byPublish.isBefore(due)) {
                due = byPublish;
            }
        }
        Instant earliest = now.plus(settings.minimumClock());
        return due.isBefore(earliest) ? earliest : due;
    }

    /** The SLA of a stage: the shortest configured for the stage, the campaign or a channel; else the default. */
    public Duration sla(Post post, String stage) {
        List<Duration> specific = new ArrayList<>();
        Optional.ofNullable(stage).map(settings.slaByStage()::get).ifPresent(specific::add);
        if (post != null) {
            Optional.ofNullable(post.getCampaign()).map(settings.slaByCampaign()::get).ifPresent(specific::add);
            post.channels().stream().map(settings.slaByChannel()::get).filter(d -> d != null).forEach(specific::add);
        }
        return specific.stream().min(Duration::compareTo).orElse(settings.sla());
    }

    boolean approvedLate(Post post) {
        return post.getScheduledAt() != null
                && now().isAfter(post.getScheduledAt().toInstant().plus(settings.lateGrace()));
    }

    Instant reminderFor(Instant due) {
        Instant now = now();
        Duration window = Duration.between(now, due);
        if (window.isNegative()) {
            return now;
        }
        return window.compareTo(TWO_DAYS) <= 0 ? now.plus(window.dividedBy(2)) : due.minus(Duration.ofDays(1));
    }

    private Instant due(DelegateExecution execution, String stage, Duration explicitSla) {
        return due(posts.find(execution.getProcessBusinessKey()).orElse(null), stage, explicitSla);
    }

    private Instant earliestStageDue(DelegateExecution execution) {
        Post post = posts.find(execution.getProcessBusinessKey()).orElse(null);
        Object stages = execution.getVariable(ProcessBindings.STAGES);
        Instant earliest = null;
        if (stages instanceof Collection<?> c) {
            for (Object stage : c) {
                Instant d = due(post, String.valueOf(stage), null);
                earliest = earliest == null || d.isBefore(earliest) ? d : earliest;
            }
        }
        return earliest != null ? earliest : due(post, FIRST_STAGE, null);
    }

    /**
     * The stage a task is due for, from the drawing, never from an element id: a routed stage's multi-instance element
     * variable {@code stage}; else the task's candidate group, when it is not the first review's team (a stage drawn
     * as its own user task, e.g. candidate group {@code legal}); else the first review, {@code review}. A timer on
     * the task (a reminder) asks for the task it is attached to.
     */
    String stageOf(DelegateExecution execution) {
        Object stage = execution.getVariableLocal(ProcessBindings.STAGE);
        if (stage != null) {
            return stage.toString();
        }
        for (String group : candidateGroups(execution)) {
            if (!group.equals(settings.team())) {
                return group;
            }
        }
        return FIRST_STAGE;
    }

    /** The candidate groups drawn on the user task {@code execution} is at (or that its boundary timer is on). */
    static List<String> candidateGroups(DelegateExecution execution) {
        if (!(execution instanceof ExecutionEntity entity) || entity.getActivity() == null) {
            return List.of();
        }
        ActivityImpl activity = entity.getActivity();
        if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior)
                && activity.getEventScope() instanceof ActivityImpl attachedTo) {
            activity = attachedTo;
        }
        if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask)) {
            return List.of();
        }
        List<String> groups = new ArrayList<>();
        for (Expression expression : userTask.getTaskDefinition().getCandidateGroupIdExpressions()) {
            Object value;
            try {
                value = expression.getValue(execution);
            } catch (RuntimeException e) {
                continue; // an expression that needs what only the task has: not a stage name
            }
            if (value instanceof Collection<?> c) {
                c.forEach(g -> groups.add(String.valueOf(g).strip()));
            } else if (value != null) {
                for (String g : value.toString().split(",")) {
                    if (!g.isBlank()) {
                        groups.add(g.strip());
                    }
                }
            }
        }
        return groups;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    static OffsetDateTime nowUtc() {
        return now().atOffset(java.time.ZoneOffset.UTC);
    }

    static Duration parse(String sla) {
        try {
            Duration d = Duration.parse(sla);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("A review SLA must be positive: " + sla);
            }
            return d;
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + sla + "' is not an ISO-8601 duration such as PT24H or P2D", e);
        }
    }
}
