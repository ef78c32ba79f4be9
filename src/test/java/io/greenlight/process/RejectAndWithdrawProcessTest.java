package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Rejection ends the post's process; withdrawal ends it from outside, until the post is published. */
class RejectAndWithdrawProcessTest extends ProcessTestSupport {

    @Test
    void rejectionWithACommentEndsTheInstance() {
        Post post = createPost(CREATOR, "Off brand", null);
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);

        decide(REVIEWER, review, "reject", "Not our tone of voice");

        assertThat(instance).hasPassed(REVIEW, "Activity_RejectPost", "Event_PostRejected")
                .hasNotPassed("Activity_ApprovePost", REVISE).isEnded();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.REJECTED);
        assertThat(reload(post).getApprovedVersion()).isNull();
        assertThat(taskService.getTaskComments(review.getId())).extracting(Comment::getFullMessage)
                .containsExactly("Rejected: Not our tone of voice");
        assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void withdrawDuringReviewEndsTheInstanceAndMakesADraft() {
        Post post = createPost(CREATOR, "Second thoughts", null);
        ProcessInstance instance = submit(CREATOR, post);
        assertThat(instance).isWaitingAt(REVIEW);

        Post withdrawn = postService.withdraw(CREATOR, post.getId());

        assertThat(withdrawn.getStatus()).isEqualTo(PostStatus.DRAFT);
        assertThat(instance).isEnded().hasNotPassed("Activity_ApprovePost", "Activity_RejectPost");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(REVIEW).canceled().count()).as("the review was cancelled").isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count())
                .as("the review timers are gone").isZero();
        HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult();
        assertThat(history.getDeleteReason()).isEqualTo("Withdrawn by creator");
        Post draft = reload(post);
        assertThat(draft.getStatus()).isEqualTo(PostStatus.DRAFT);
        assertThat(draft.getProcessInstanceId()).isNull();

        // a withdrawn post is a draft again and can be submitted anew
        ProcessInstance again = submit(CREATOR, draft);
        assertThat(again.getId()).isNotEqualTo(instance.getId());
        assertThat(again).isWaitingAtExactly(REVIEW_SCOPE, REVIEW);
    }

    @Test
    void withdrawWhileScheduledCancelsThePublication() {
        Post post = createPost(CREATOR, "Cancelled campaign", nowUtc().plusDays(2));
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);

        postService.withdraw(MANAGER, post.getId());

        assertThat(instance).isEnded().hasNotPassed(PUBLISH_TASK);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(PUBLISH_TIMER).canceled().count()).as("the wait was cancelled").isEqualTo(1);
        assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count())
                .as("the publish timer is gone").isZero();
        Post draft = reload(post);
        assertThat(draft.getStatus()).isEqualTo(PostStatus.DRAFT);
        assertThat(draft.getApprovedVersion()).isNull();
        assertThat(draft.getApprovedAt()).isNull();
        assertThat(feedEntryRepository.countByPostId(post.getId())).isZero();
    }

    @Test
    void aPublishedPostCannotBeWithdrawn() {
        Post post = createPost(CREATOR, "Already out", null);
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        managementService.executeJob(job(instance, PUBLISH_TIMER).getId());
        managementService.executeJob(job(instance, PUBLISH_TASK).getId());
        assertThat(instance).isEnded();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);

        assertThatThrownBy(() -> postService.withdraw(CREATOR, post.getId()))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining("published");

        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(feedEntryRepository.countByPostId(post.getId())).isEqualTo(1);
    }
}
