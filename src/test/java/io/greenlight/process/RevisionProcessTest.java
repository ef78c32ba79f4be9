package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVersion;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** "Changes" and invalid content both lead to the author's revision; completing it resubmits and validates again. */
class RevisionProcessTest extends ProcessTestSupport {

    static final String SHORT_CHANNEL = "proc-short";

    @Test
    void changesRequestedGoesToTheAuthorAndTheResubmittedVersionIsReviewedAgain() {
        Post post = createPost(CREATOR, "Needs work", null, variant(LOCAL, "First draft of the text"));
        ProcessInstance instance = submit(CREATOR, post);
        Task firstReview = openTask(instance, REVIEW);

        decide(REVIEWER, firstReview, "changes", "  Please mention the date.  ");

        assertThat(instance).hasPassed(REVIEW).isWaitingAtExactly(REVISE)
                .variables().containsEntry("feedback", "Please mention the date.");
        Task revise = openTask(instance, REVISE);
        assertThat(revise).isAssignedTo("creator");
        assertThat(revise.getCamundaFormRef().getKey()).isEqualTo("revise-post");
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.CHANGES_REQUESTED);
        List<Comment> comments = taskService.getTaskComments(firstReview.getId());
        assertThat(comments).extracting(Comment::getFullMessage)
                .containsExactly("Changes requested: Please mention the date.");
        assertThat(comments.get(0).getUserId()).isEqualTo("reviewer");
        assertThat(recipients(notificationsAbout(post, "Changes requested on"))).containsExactly("creator");

        // the author edits in Greenlight, then completes the revision = resubmit
        postService.update(CREATOR, post.getId(), new PostCommand(reload(post).getTitle(), null, null, "UTC",
                List.of(variant(LOCAL, "Second draft of the text, now on 1 May"))));
        assertThat(reload(post).getContentVersion()).as("edits alone create no version").isEqualTo(1);
        Date resubmittedAt = plus(now, Duration.ofHours(5));
        clockAt(resubmittedAt);
        assertThatThrownBy(() -> as(CREATOR2, () -> taskService.complete(revise.getId())))
                .as("another creator cannot resubmit someone else's post")
                .isInstanceOf(AuthorizationException.class);
        assertThat(instance).isWaitingAtExactly(REVISE);
        as(CREATOR, () -> taskService.complete(revise.getId()));

        assertThat(instance).hasPassed(REVISE).isWaitingAtExactly(REVIEW_SCOPE, REVIEW)
                .variables().containsEntry("contentVersion", 2)
                .containsEntry("content", "[local]\nSecond draft of the text, now on 1 May");
        Post resubmitted = reload(post);
        assertThat(resubmitted.getContentVersion()).isEqualTo(2);
        assertThat(resubmitted.getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        assertThat(postService.versions(post.getId())).extracting(PostVersion::getNumber).containsExactly(1, 2);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Activity_ValidatePost").count()).as("validated again").isEqualTo(2);
        Task secondReview = openTask(instance, REVIEW);
        assertThat(secondReview.getId()).isNotEqualTo(firstReview.getId());
        assertThat(secondReview).hasCandidateGroup("reviewers").isNotAssigned()
                .hasDueDate(plus(resubmittedAt, Duration.ofHours(24)));
        assertThat(job(instance, "Event_ReviewReminder")).as("a new round has its own timers")
                .hasDueDate(plus(resubmittedAt, Duration.ofHours(12)));
        assertThat(job(instance, "Event_ReviewDeadline")).hasDueDate(plus(resubmittedAt, Duration.ofHours(24)));

        decide(REVIEWER, secondReview, "approve", null);

        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        // validate and approve refresh the post's variables, but write only what changed (history FULL keeps a row
        // per write): the id and channels once, the text once per version, and its removal at approval
        java.util.Map<String, Long> writes = historyService.createHistoricDetailQuery().processInstanceId(instance.getId())
                .variableUpdates().list().stream().collect(java.util.stream.Collectors.groupingBy(
                        d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName(),
                        java.util.stream.Collectors.counting()));
        assertThat(writes).containsEntry("postId", 1L).containsEntry("channels", 1L).containsEntry("content", 3L)
                .containsEntry("contentVersion", 2L);
        assertThat(runtimeService.getVariable(instance.getId(), "channels")).isEqualTo(List.of(LOCAL));
        Post approved = reload(post);
        assertThat(approved.getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(approved.getApprovedVersion()).isEqualTo(2);
    }

    @Test
    void invalidContentGoesBackToTheAuthorWithTheReasonsAndNeverReachesReview() {
        channel(SHORT_CHANNEL, "LOCAL", null);
        Post post = createPost(CREATOR, "Too long later", null,
                variant(SHORT_CHANNEL, "This text fits the network but not the new channel limit"));
        // the channel's limit drops after the draft was saved: validation at submit must catch it
        channel(SHORT_CHANNEL, "LOCAL", 20);

        ProcessInstance instance = submit(CREATOR, post);

        assertThat(instance).hasPassed("Activity_ValidatePost").hasNotPassed(REVIEW).isWaitingAtExactly(REVISE)
                .variables().containsEntry("valid", false);
        String feedback = (String) runtimeService.getVariable(instance.getId(), "feedback");
        assertThat(feedback).startsWith("The post breaks channel rules:")
                .contains("'" + SHORT_CHANNEL + "'").contains("allows 20");
        assertThat(openTask(instance, REVISE)).isAssignedTo("creator");
        assertThat(openTask(instance, REVIEW)).isNull();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.CHANGES_REQUESTED);
        assertThat(notificationsAbout(post, "Changes requested on")).singleElement()
                .satisfies(n -> assertThat(n.getMessage()).contains("allows 20"));

        // fix and resubmit
        postService.update(CREATOR, post.getId(), new PostCommand(reload(post).getTitle(), null, null, "UTC",
                List.of(variant(SHORT_CHANNEL, "Short and sweet"))));
        as(CREATOR, () -> taskService.complete(openTask(instance, REVISE).getId()));

        assertThat(instance).hasPassed(REVISE).isWaitingAtExactly(REVIEW_SCOPE, REVIEW).variables().containsEntry("valid", true);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        assertThat(reload(post).getContentVersion()).isEqualTo(2);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(REVIEW).count()).as("reached review only after the fix").isEqualTo(1);
    }

    @Test
    void editingAScheduledPostSendsItBackToReview() {
        Post post = createPost(CREATOR, "Edited after approval", nowUtc().plusDays(1));
        ProcessInstance approvedInstance = submit(CREATOR, post);
        decide(REVIEWER, openTask(approvedInstance, REVIEW), "approve", null);
        assertThat(approvedInstance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(reload(post).getApprovedVersion()).isEqualTo(1);

        Post edited = postService.update(CREATOR, post.getId(), new PostCommand(reload(post).getTitle(), null,
                nowUtc().plusDays(1), "UTC", List.of(variant(LOCAL, "Changed after the approval"))));

        assertThat(approvedInstance).isEnded().hasNotPassed(PUBLISH_TASK);
        assertThat(managementService.createJobQuery().processInstanceId(approvedInstance.getId()).count())
                .as("the old publish timer is gone").isZero();
        assertThat(edited.getProcessInstanceId()).isNotEqualTo(approvedInstance.getId());
        ProcessInstance newRound = runtimeService.createProcessInstanceQuery()
                .processInstanceId(edited.getProcessInstanceId()).singleResult();
        assertThat(newRound).hasBusinessKey(post.getId()).isWaitingAtExactly(REVIEW_SCOPE, REVIEW)
                .variables().containsEntry("contentVersion", 2);
        Post inReview = reload(post);
        assertThat(inReview.getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        assertThat(inReview.getContentVersion()).isEqualTo(2);
        assertThat(inReview.getApprovedVersion()).as("the approval was for other content").isNull();
    }

    @Test
    void aNewReviewRoundStartsWithoutThePreviousDecision() {
        Post post = createPost(CREATOR, "Stale decision", null);
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "changes", "Shorter, please");
        assertThat(runtimeService.getVariable(instance.getId(), "decision")).isEqualTo("changes");

        postService.update(CREATOR, post.getId(), new PostCommand(reload(post).getTitle(), null, null, "UTC",
                List.of(variant(LOCAL, "Shorter"))));
        as(CREATOR, () -> taskService.complete(openTask(instance, REVISE).getId()));

        assertThat(instance).isWaitingAtExactly(REVIEW_SCOPE, REVIEW);
        Map<String, Object> variables = runtimeService.getVariables(instance.getId());
        assertThat(variables).doesNotContainKeys("decision", "comment").containsEntry("feedback", "Shorter, please");
        Task review = openTask(instance, REVIEW);
        assertThat(taskService.getVariables(review.getId())).doesNotContainKeys("decision", "comment");

        // completing without a decision must not be routed by the previous round's "changes"
        as(REVIEWER, () -> taskService.claim(review.getId(), "reviewer"));
        assertThatThrownBy(() -> as(REVIEWER, () -> taskService.complete(review.getId())))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("'decision' must be one of approve, changes or reject and is missing");

        assertThat(instance).isWaitingAtExactly(REVIEW_SCOPE, REVIEW);
        assertThat(openTask(instance, REVIEW).getId()).isEqualTo(review.getId());
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        List<Job> jobs = managementService.createJobQuery().processInstanceId(instance.getId()).list();
        assertThat(jobs).as("only the review timers").hasSize(2);
    }
}
