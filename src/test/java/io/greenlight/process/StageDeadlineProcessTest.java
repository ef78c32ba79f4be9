package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Routed review stages get their own SLA (legal 48 h in application.yml), a reminder and an escalation to
 * managers drawn on {@code review-stage}.
 */
class StageDeadlineProcessTest extends PeopleProcessSupport {

    static final String STAGE_TASK = "review-stage";

    @Test
    void aLegalStageIsDueAfterItsOwnSlaIsRemindedAndEscalatesToManagers() {
        Post post = postService.create(CREATOR, new PostCommand("Legal clock " + System.nanoTime(), null, null, "UTC",
                List.of(variant(LOCAL, "Our spring offer")), null, null, true, false, false));
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        Date stageStart = now;

        Task legal = openTask(instance, STAGE_TASK);
        Date due = plus(stageStart, Duration.ofHours(48));
        assertThat(legal).hasCandidateGroup("legal").hasDueDate(due);
        String lawyer = user("h5lawyer");
        taskService.setAssignee(legal.getId(), lawyer);
        assertThat(job(instance, "Event_StageDeadline")).hasDueDate(due);
        assertThat(job(instance, "Event_StageReminder")).as("one day before a 48 h deadline")
                .hasDueDate(plus(stageStart, Duration.ofHours(24)));
        assertThat(timelineNotes(post)).anyMatch(t -> t.startsWith("\"Review stage: legal\" is due "));

        clockAt(plus(stageStart, Duration.ofHours(25)));
        managementService.executeJob(job(instance, "Event_StageReminder").getId());
        assertThat(instance).hasPassed("Activity_RemindStageReviewers", "Event_StageReminderSent").isWaitingAt(STAGE_TASK);
        assertThat(recipients(notificationsAbout(post, "Reminder: \"" + reload(post).getTitle()
                + "\" is waiting for your stage review."))).containsExactly(lawyer);

        clockAt(plus(due, Duration.ofSeconds(1)));
        Job deadline = job(instance, "Event_StageDeadline");
        managementService.executeJob(deadline.getId());
        assertThat(instance).hasPassed("Activity_InvolveManagersInStages", "Activity_NotifyManagersOfStages",
                "Event_StageEscalated").isWaitingAt(STAGE_TASK);
        assertThat(candidateGroups(openTask(instance, STAGE_TASK))).containsExactlyInAnyOrder("legal", "managers");
        assertThat(recipients(notificationsAbout(post, "Overdue: a review stage of"))).isEqualTo(sorted("admin", "manager"));
        assertThat(timelineKinds(post)).contains("due", "reminder", "escalation");
    }
}
