package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostStatus;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Approval-routing.dmn decides the extra review stages from the post's facts; the diagram runs them in
 * parallel (one multi-instance review per stage, candidate group = stage), each decision kept per stage, and
 * four-eyes holds across stages.
 */
class OwnerRoutingProcessTest extends ProcessTestSupport {

    static final String STAGE_TASK = "review-stage";

    /** Reviews the first stage and is also in legal: may not approve two stages of one post. */
    static final CurrentUser DOUBLE = new CurrentUser("ownerdouble", Set.of("reviewers", "legal"));
    static final CurrentUser LEGAL = new CurrentUser("ownerlegal", Set.of("legal"));
    static final CurrentUser EXEC = new CurrentUser("ownerexec", Set.of("executive"));

    @BeforeEach
    void users() {
        for (CurrentUser u : List.of(DOUBLE, LEGAL, EXEC)) {
            if (identityService.createUserQuery().userId(u.id()).count() == 0) {
                User user = identityService.newUser(u.id());
                user.setPassword(u.id());
                identityService.saveUser(user);
                u.groups().forEach(g -> identityService.createMembership(u.id(), g));
            }
        }
    }

    private Post factPost(String region, boolean paid, boolean claims, boolean crisis) {
        return postService.create(CREATOR, new PostCommand("Routed " + System.nanoTime(), null, null, "UTC",
                List.of(variant(LOCAL, "Our spring offer")), null, region, paid, claims, crisis));
    }

    private List<Task> stageTasks(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(STAGE_TASK)
                .orderByTaskName().asc().list();
    }

    private Task stage(ProcessInstance instance, String stage) {
        return stageTasks(instance).stream().filter(t -> candidateGroups(t).contains(stage)).findFirst().orElseThrow();
    }

    @Test
    void promotionAndCrisisNeedLegalAndExecutiveInParallelEachDecisionKeptPerStage() {
        Post post = factPost(null, true, false, true);
        ProcessInstance instance = submit(CREATOR, post);
        assertThat(runtimeService.getVariable(instance.getId(), "paidPromotion")).isEqualTo(true);
        assertThat(runtimeService.getVariable(instance.getId(), "region")).isEqualTo("global");
        decide(DOUBLE, openTask(instance, REVIEW), "approve", null);

        List<Task> stages = stageTasks(instance);
        assertThat(stages).extracting(Task::getName)
                .containsExactly("Review stage: executive", "Review stage: legal");
        assertThat(candidateGroups(stage(instance, "legal"))).containsExactly("legal");
        assertThat(candidateGroups(stage(instance, "executive"))).containsExactly("executive");
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);

        // four-eyes across stages: who approved the first review may not take the legal stage
        Task legal = stage(instance, "legal");
        assertThatThrownBy(() -> as(DOUBLE, () -> taskService.claim(legal.getId(), DOUBLE.id())))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("already approved the 'review' stage");

        decide(LEGAL, legal, "approve", "Promotion terms are fine");
        assertThat(runtimeService.getVariable(instance.getId(), "decision_legal")).isEqualTo("approve");
        assertThat(runtimeService.getVariable(instance.getId(), "decidedBy_legal")).isEqualTo(LEGAL.id());
        assertThat(runtimeService.getVariable(instance.getId(), "comment_legal")).isEqualTo("Promotion terms are fine");
        assertThat(reload(post).getStatus()).as("executive still to decide").isEqualTo(PostStatus.IN_REVIEW);

        // the executive stage's task still shows no decision: the legal stage's did not leak into it
        Task exec = stage(instance, "executive");
        assertThat(taskService.getVariable(exec.getId(), "decision")).isNull();
        decide(EXEC, exec, "approve", null);
        assertThat(runtimeService.getVariable(instance.getId(), "decision_executive")).isEqualTo("approve");
        assertThat(runtimeService.getVariable(instance.getId(), "decision_review")).isEqualTo("approve");
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
    }

    @Test
    void oneStageAskingForChangesEndsTheOtherStagesAndSendsThePostBack() {
        Post post = factPost("DACH", false, true, false);
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        assertThat(stageTasks(instance)).extracting(Task::getName)
                .containsExactly("Review stage: legal", "Review stage: regional-lead");

        decide(LEGAL, stage(instance, "legal"), "changes", "Remove the health claim");
        assertThat(stageTasks(instance)).as("the regional stage ended with it").isEmpty();
        assertThat(openTask(instance, REVISE)).isNotNull();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.CHANGES_REQUESTED);
        assertThat(runtimeService.getVariable(instance.getId(), "feedback")).isEqualTo("Remove the health claim");
        assertThat(runtimeService.getVariable(instance.getId(), "decision_legal")).isEqualTo("changes");
    }

    @Test
    void aStageMayRejectAndAPostWithoutFactsNeedsNoExtraStage() {
        Post risky = factPost(null, false, false, true);
        ProcessInstance instance = submit(CREATOR, risky);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        decide(EXEC, stage(instance, "executive"), "reject", "Not during the outage");
        assertThat(reload(risky).getStatus()).isEqualTo(PostStatus.REJECTED);

        Post plain = factPost("  ", false, false, false);
        ProcessInstance other = submit(CREATOR, plain);
        decide(REVIEWER, openTask(other, REVIEW), "approve", null);
        assertThat(stageTasks(other)).isEmpty();
        assertThat(reload(plain).getStatus()).isEqualTo(PostStatus.SCHEDULED);
        // approval removes the review's variables (processes/README.md, Variables); history keeps the value
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(other.getId())
                .variableName("stages").includeDeleted().singleResult().getValue()).isEqualTo(List.of());
    }

    @Test
    void theSamePersonMayDecideAgainInTheNextRound() {
        Post post = factPost(null, true, false, false);
        ProcessInstance instance = submit(CREATOR, post);
        decide(DOUBLE, openTask(instance, REVIEW), "approve", null);
        decide(LEGAL, stage(instance, "legal"), "changes", "Add the terms");
        as(CREATOR, () -> taskService.complete(openTask(instance, REVISE).getId()));
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        // round 2: DOUBLE approved round 1's review only, so the legal stage is theirs to decide now
        decide(DOUBLE, stage(instance, "legal"), "approve", null);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(Map.of("legal", runtimeService.getVariable(instance.getId(), "decidedBy_legal")))
                .containsEntry("legal", DOUBLE.id());
    }
}
