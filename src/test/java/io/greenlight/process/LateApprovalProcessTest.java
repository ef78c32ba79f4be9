package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * An approval more than the grace (15 min) after the publishing time is not published late silently:
 * managers decide — publish now, reschedule or cancel.
 */
class LateApprovalProcessTest extends PeopleProcessSupport {

    static final String LATE = "late-approval";

    ProcessInstance approvedLate(Post post) {
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        return instance;
    }

    @Test
    void anApprovalAfterThePublishingTimeGoesToManagers() {
        Post post = createPost(CREATOR, "Too late", nowUtc().minusMinutes(40));
        ProcessInstance instance = approvedLate(post);

        assertThat(instance).hasPassed("Activity_ApprovePost", "Gateway_ApprovedLate").isWaitingAtExactly(PUBLISH_SCOPE, LATE)
                .hasNotPassed(PUBLISH_TIMER);
        Task late = openTask(instance, LATE);
        assertThat(late).hasCandidateGroup("managers").hasName("Approved after its publishing time: decide");
        assertThat(late.getCamundaFormRef().getKey()).isEqualTo("late-post");
        assertThat(recipients(notificationsAbout(post, "\"Approved after its publishing time: decide\"")))
                .contains("manager", "admin");
        assertThat(timelineKinds(post)).contains("late");
    }

    @Test
    void publishNowPublishesAtOnce() {
        Post post = createPost(CREATOR, "Publish now", nowUtc().minusHours(2));
        ProcessInstance instance = approvedLate(post);
        as(MANAGER, () -> taskService.complete(openTask(instance, LATE).getId(), Map.of("lateDecision", "publish-now")));

        assertThat(instance).hasPassed("Gateway_LateDecision", "Gateway_JoinLateDecision").isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(job(instance, PUBLISH_TIMER)).hasDueDate(now);
        assertThat(timelineNotes(post)).anyMatch(t -> t.equals("manager decided to publish it now."));
        assertThat(notificationsAbout(post, "\"" + reload(post).getTitle() + "\" was approved after its publishing time"))
                .extracting(n -> n.getRecipient()).containsExactly("creator");
    }

    @Test
    void rescheduleMovesThePostAndItsTimer() {
        Post post = createPost(CREATOR, "Reschedule", nowUtc().minusHours(2));
        ProcessInstance instance = approvedLate(post);
        OffsetDateTime later = nowUtc().plusDays(1);
        as(MANAGER, () -> taskService.complete(openTask(instance, LATE).getId(),
                Map.of("lateDecision", "reschedule", "newPublishAt", later.toString())));

        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(job(instance, PUBLISH_TIMER)).hasDueDate(Date.from(later.toInstant()));
        assertThat(reload(post).getScheduledAt().toInstant()).isEqualTo(later.toInstant());
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
    }

    @Test
    void cancelEndsThePublicationAndTheDraftStays() {
        Post post = createPost(CREATOR, "Cancel", nowUtc().minusHours(2));
        ProcessInstance instance = approvedLate(post);
        as(MANAGER, () -> taskService.complete(openTask(instance, LATE).getId(), Map.of("lateDecision", "cancel")));

        assertThat(instance).hasPassed("Event_PublicationCancelled").isEnded();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.DRAFT);
        assertThat(feedEntryRepository.countByPostId(post.getId())).isZero();
    }

    @Test
    void aMissingOrPastTimeIsRefusedAndNothingMoves() {
        Post post = createPost(CREATOR, "Bad decision", nowUtc().minusHours(2));
        ProcessInstance instance = approvedLate(post);
        String task = openTask(instance, LATE).getId();

        assertThatThrownBy(() -> as(MANAGER, () -> taskService.complete(task, Map.of("lateDecision", "later"))))
                .hasMessageContaining("'lateDecision' must be publish-now, reschedule or cancel");
        assertThatThrownBy(() -> as(MANAGER, () -> taskService.complete(task, Map.of("lateDecision", "reschedule"))))
                .hasMessageContaining("Rescheduling needs 'newPublishAt'");
        assertThatThrownBy(() -> as(MANAGER, () -> taskService.complete(task, Map.of("lateDecision", "reschedule",
                "newPublishAt", nowUtc().minusMinutes(5).toString())))).hasMessageContaining("must lie ahead");
        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, LATE);
        assertThat(openTask(instance, LATE).getId()).isEqualTo(task);
    }

    @Test
    void anApprovalWithinTheGraceIsPublishedAsBefore() {
        Post post = createPost(CREATOR, "Within grace", nowUtc().minusMinutes(5));
        ProcessInstance instance = approvedLate(post);
        assertThat(instance).hasPassed("Gateway_JoinLateDecision").hasNotPassed(LATE).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(job(instance, PUBLISH_TIMER)).hasDueDate(now);
    }
}
