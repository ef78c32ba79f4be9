package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** The review SLA (PT24H in the test profile): reminder half-way, escalation to managers at the due date. */
class ReviewDeadlineProcessTest extends ProcessTestSupport {

    static final String REMINDER = "Event_ReviewReminder";
    static final String DEADLINE = "Event_ReviewDeadline";

    @Test
    void reviewersAreRemindedHalfWayAndManagersJoinAtTheDeadline() {
        Post post = createPost(CREATOR, "Slow review", null);
        ProcessInstance instance = submit(CREATOR, post);

        Date due = plus(now, Duration.ofHours(24));
        Date remindAt = plus(now, Duration.ofHours(12));
        Task review = openTask(instance, REVIEW);
        assertThat(review).hasDueDate(due).hasCandidateGroup("reviewers");
        assertThat(candidateGroups(review)).containsExactly("reviewers");
        assertThat(job(instance, REMINDER)).hasDueDate(remindAt);
        assertThat(job(instance, DEADLINE)).hasDueDate(due);
        assertThat(executableJobs(instance)).as("nothing is due yet").isZero();

        // 12 hours later: the reminder is due, the deadline not yet
        clockAt(plus(remindAt, Duration.ofSeconds(1)));
        assertThat(executableJobs(instance)).isEqualTo(1);
        Job reminder = managementService.createJobQuery().processInstanceId(instance.getId()).executable().singleResult();
        // (JobAssert.hasActivityId looks at the job's execution, which waits in `review`, not at the boundary timer)
        assertThat(reminder).hasId(job(instance, REMINDER).getId()).hasDueDate(remindAt);
        managementService.executeJob(reminder.getId());

        assertThat(instance).hasPassed(REMINDER, "Activity_RemindReviewers", "Event_ReminderSent")
                .hasNotPassed(DEADLINE).isWaitingAt(REVIEW);
        assertThat(recipients(notificationsAbout(post, "Reminder: "))).isEqualTo(sorted("reviewer", "manager"));
        assertThat(notificationsAbout(post, "Reminder: ").get(0).getMessage())
                .isEqualTo("Reminder: \"" + reload(post).getTitle() + "\" is waiting for your review.");
        assertThat(openTask(instance, REVIEW).getId()).as("the review is still open").isEqualTo(review.getId());
        assertThat(job(instance, REMINDER)).as("the reminder fires once").isNull();
        assertThat(notificationsAbout(post, "Overdue: ")).isEmpty();

        // 24 hours after submission: overdue
        clockAt(plus(due, Duration.ofSeconds(1)));
        Job deadline = job(instance, DEADLINE);
        assertThat(executableJobs(instance)).isEqualTo(1);
        managementService.executeJob(deadline.getId());

        assertThat(instance).hasPassed(DEADLINE, "Activity_InvolveManagers", "Activity_NotifyManagers",
                "Event_ReviewEscalated").isWaitingAtExactly(REVIEW_SCOPE, REVIEW);
        Task escalated = openTask(instance, REVIEW);
        assertThat(escalated.getId()).as("the same task, not a new one").isEqualTo(review.getId());
        assertThat(escalated).hasCandidateGroup("managers").hasCandidateGroup("reviewers").isNotAssigned()
                .hasDueDate(due);
        assertThat(candidateGroups(escalated)).containsExactlyInAnyOrder("reviewers", "managers");
        assertThat(recipients(notificationsAbout(post, "Overdue: "))).isEqualTo(sorted("admin", "manager"));
        assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count())
                .as("both review timers have fired").isZero();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);

        // the new candidate group may work on the task (Camunda's own authorization, as Tasklist checks it)
        assertThat(processEngine.getAuthorizationService().isUserAuthorized("someone-in-managers",
                List.of("managers"), TaskPermissions.TASK_WORK,
                Resources.TASK, escalated.getId())).isTrue();
        assertThat(processEngine.getAuthorizationService().isUserAuthorized("someone-in-creators",
                List.of("creators"), TaskPermissions.TASK_WORK,
                Resources.TASK, escalated.getId())).isFalse();
        decide(ADMIN, escalated, "approve", null);
        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
    }

    @Test
    void aClaimedReviewRemindsOnlyItsAssignee() {
        Post post = createPost(CREATOR, "Claimed but idle", null);
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);
        as(REVIEWER, () -> taskService.claim(review.getId(), "reviewer"));

        clockAt(plus(now, Duration.ofHours(12)));
        assertThat(executableJobs(instance)).isEqualTo(1);
        managementService.executeJob(job(instance, REMINDER).getId());

        assertThat(recipients(notificationsAbout(post, "Reminder: "))).containsExactly("reviewer");
        assertThat(openTask(instance, REVIEW)).isAssignedTo("reviewer");
    }

    @Test
    void aDecisionBeforeTheDeadlineCancelsTheReviewTimers() {
        Post post = createPost(CREATOR, "Quick review", null);
        ProcessInstance instance = submit(CREATOR, post);
        assertThat(jobs(instance, REMINDER)).hasSize(1);
        assertThat(jobs(instance, DEADLINE)).hasSize(1);

        clockAt(plus(now, Duration.ofHours(2)));
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);

        assertThat(jobs(instance, REMINDER)).isEmpty();
        assertThat(jobs(instance, DEADLINE)).isEmpty();
        assertThat(instance).hasNotPassed("Activity_RemindReviewers", "Activity_InvolveManagers")
                .isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(notificationsAbout(post, "Reminder: ")).isEmpty();
    }
}
