package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** The rules Greenlight builds into every review task and into the start of post-approval. */
class ReviewRulesProcessTest extends ProcessTestSupport {

    @Test
    void authorsCannotClaimOrDecideTheirOwnPostEvenAsReviewers() {
        Post post = createPost(MANAGER, "Manager's own", null);
        ProcessInstance instance = submit(MANAGER, post);
        Task review = openTask(instance, REVIEW);

        assertThatThrownBy(() -> as(MANAGER, () -> taskService.claim(review.getId(), "manager")))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Four-eyes rule")
                .hasMessageContaining("manager wrote");
        assertThat(openTask(instance, REVIEW)).isNotAssigned();

        assertThatThrownBy(() -> as(MANAGER, () -> taskService.complete(review.getId(),
                Map.of("decision", "approve"))))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Four-eyes rule");
        assertThat(instance).isWaitingAtExactly(REVIEW_SCOPE, REVIEW).hasNotPassed("Activity_ApprovePost");
        assertThat(openTask(instance, REVIEW).getId()).isEqualTo(review.getId());
        assertThat(runtimeService.getVariable(instance.getId(), "decision")).as("the refused call left nothing").isNull();

        // nobody, not even an admin, can hand the task to its author
        assertThatThrownBy(() -> as(ADMIN, () -> taskService.setAssignee(review.getId(), "manager")))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Four-eyes rule");
        assertThat(openTask(instance, REVIEW)).isNotAssigned();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);

        // another reviewer can
        decide(REVIEWER, review, "approve", null);
        assertThat(instance).hasPassed(REVIEW, "Activity_ApprovePost").isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
    }

    @Test
    void variablesSubmittedWithTheDecisionCannotRedirectThePost() {
        Post post = createPost(CREATOR, "Redirect me", null);
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);
        as(REVIEWER, () -> taskService.claim(review.getId(), "reviewer"));

        as(REVIEWER, () -> taskService.complete(review.getId(), Variables.createVariables().putValue("decision", "approve")
                .putValue("postId", "someone-elses-post").putValue("author", "mallory")
                .putValueTyped("channels", Variables.objectValue(new java.util.ArrayList<>(List.of("bluesky")))
                        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create())));

        assertThat(instance).hasPassed(REVIEW).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER)
                .variables().containsEntry("postId", post.getId()).containsEntry("author", "creator")
                .containsEntry("channels", List.of(LOCAL));
    }

    @Test
    void anUnknownDecisionIsRefused() {
        Post post = createPost(CREATOR, "Maybe", null);
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);
        as(REVIEWER, () -> taskService.claim(review.getId(), "reviewer"));

        assertThatThrownBy(() -> as(REVIEWER, () -> taskService.complete(review.getId(),
                Map.of("decision", "maybe", "comment", "Not sure"))))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("'decision' must be one of approve, changes or reject; got 'maybe'");
        assertThatThrownBy(() -> as(REVIEWER, () -> taskService.complete(review.getId(),
                Map.of("decision", 1))))
                .isInstanceOf(FormFieldValidationException.class);

        assertStillInReview(instance, review, post);
    }

    @Test
    void changesAndRejectNeedAComment() {
        Post post = createPost(CREATOR, "No reason given", null);
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);
        as(REVIEWER, () -> taskService.claim(review.getId(), "reviewer"));

        assertThatThrownBy(() -> as(REVIEWER, () -> taskService.complete(review.getId(), Map.of("decision", "changes"))))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("A comment is required when you request changes");
        assertThatThrownBy(() -> as(REVIEWER, () -> taskService.complete(review.getId(),
                Map.of("decision", "reject", "comment", "   "))))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("A comment is required when you reject a post");
        assertThatThrownBy(() -> as(REVIEWER, () -> taskService.complete(review.getId(),
                Variables.createVariables().putValue("decision", "reject").putValue("comment", null))))
                .isInstanceOf(FormFieldValidationException.class);

        assertStillInReview(instance, review, post);
        assertThat(taskService.getTaskComments(review.getId())).as("no decision was recorded").isEmpty();
    }

    @Test
    void postApprovalCannotBeStartedExceptBySubmit() {
        String businessKey = UUID.randomUUID().toString();
        Map<String, Object> variables = Map.of("postId", businessKey, "author", "creator", "title", "Smuggled");

        assertThatThrownBy(() -> as(ADMIN, () -> runtimeService.startProcessInstanceByKey(PROCESS, businessKey, variables)))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("only through Greenlight's submit");
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(PROCESS, businessKey, variables))
                .as("without a signed-in user too")
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("submit");
        assertThatThrownBy(() -> as(ADMIN, () -> runtimeService.createProcessInstanceByKey(PROCESS)
                .businessKey(businessKey).setVariables(variables)
                .startBeforeActivity(REVIEW).execute(true, true)))
                .as("starting inside the diagram, skipping listeners")
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("submit");

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).count())
                .isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(businessKey).count()).isZero();
    }

    private void assertStillInReview(ProcessInstance instance, Task review, Post post) {
        assertThat(instance).isWaitingAtExactly(REVIEW_SCOPE, REVIEW).hasNotPassed(REVIEW);
        Task still = openTask(instance, REVIEW);
        assertThat(still.getId()).isEqualTo(review.getId());
        assertThat(still).isAssignedTo("reviewer");
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
    }
}
