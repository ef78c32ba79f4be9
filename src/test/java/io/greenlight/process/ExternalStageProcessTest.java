package io.greenlight.process;

import io.greenlight.external.ExternalReviewLink;
import io.greenlight.external.ExternalReviewLinkRepository;
import io.greenlight.external.ExternalReviews;
import io.greenlight.external.ExternalStageDiagram;
import io.greenlight.external.LinkRefused;
import io.greenlight.external.LinkSigner;
import io.greenlight.external.LinkStatus;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVersion;
import io.greenlight.post.PostVersionRepository;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * An external stage drawn into post-approval (a user task with the form {@code external-review}, see
 * {@link ExternalStageDiagram}) — every path: the approver approves or requests changes by link, a manager decides
 * on the approver's behalf, the post is withdrawn meanwhile, the stage has no usable e-mail address.
 */
class ExternalStageProcessTest extends ProcessTestSupport {

    static final String APPROVER = "client@example.com";
    static final String STAGE = ExternalStageDiagram.TASK;

    @Autowired ExternalReviews reviews;
    @Autowired ExternalReviewLinkRepository links;
    @Autowired LinkSigner signer;
    @Autowired PostVersionRepository versions;

    String deployment;

    @AfterEach
    void removeExternalStage() {
        ExternalStageDiagram.undeploy(repositoryService, deployment);
    }

    /**
     * Submits a post and lets a reviewer approve it: it then waits for the external approver. Deploys the external
     * stage for {@code APPROVER} first unless the test deployed its own.
     */
    ProcessInstance atExternalStage(Post post) {
        if (deployment == null) {
            deployment = ExternalStageDiagram.deploy(repositoryService, APPROVER);
        }
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        assertThat(instance).hasPassed(REVIEW).isWaitingAtExactly(STAGE);
        return instance;
    }

    ExternalReviewLink onlyLink(Post post) {
        List<ExternalReviewLink> all = links.findByPostIdOrderByCreatedAtDesc(post.getId());
        assertThat(all).as("links of post %s", post.getId()).hasSize(1);
        return all.get(0);
    }

    @Test
    void theApproverApprovesByLinkOnceAndThePostIsScheduled() {
        Post post = createPost(CREATOR, "External approve", null);
        ProcessInstance instance = atExternalStage(post);

        Task task = openTask(instance, STAGE);
        assertThat(task).hasCandidateGroup("managers");
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        ExternalReviewLink link = onlyLink(post);
        PostVersion version = versions.findByPostIdAndNumber(post.getId(), 1).orElseThrow();
        assertThat(link.getStatus()).isEqualTo(LinkStatus.PENDING);
        assertThat(link.getApproverEmail()).isEqualTo(APPROVER);
        assertThat(link.getTaskId()).isEqualTo(task.getId());
        assertThat(link.getContentVersion()).isEqualTo(1);
        assertThat(link.getContentHash()).isEqualTo(version.getContentHash());
        assertThat(link.getExpiresAt().toInstant()).isEqualTo(now.toInstant().plusSeconds(3 * 24 * 3600));

        String token = signer.sign(link);
        ExternalReviews.ReviewPage page = reviews.open(token);
        assertThat(page.content()).isEqualTo(version.getContent()).contains("Hello from External approve");
        assertThat(page.contentHash()).isEqualTo(version.getContentHash());

        reviews.decide(token, "approve", "Fine by the client", version.getContentHash());

        assertThat(instance).hasPassed(STAGE, ExternalStageDiagram.GATEWAY, "Activity_ApprovePost")
                .isWaitingAt(WAIT_FOR_TIME).variables().containsEntry("decision", "approve");
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
        ExternalReviewLink used = links.findById(link.getId()).orElseThrow();
        assertThat(used.getStatus()).isEqualTo(LinkStatus.USED);
        assertThat(used.getDecision()).isEqualTo("approve");
        assertThat(used.getSeenHash()).isEqualTo(version.getContentHash());
        List<Comment> comments = taskService.getProcessInstanceComments(instance.getId());
        assertThat(comments).anySatisfy(c -> {
            assertThat(c.getFullMessage()).contains("Approved by external approver " + APPROVER)
                    .contains("content version 1").contains("sha256 " + version.getContentHash()).contains("Fine by the client");
            assertThat(c.getUserId()).isEqualTo("external:" + APPROVER);
        });

        LinkRefused again = catchThrowableOfType(LinkRefused.class,
                () -> reviews.decide(token, "approve", null, version.getContentHash()));
        assertThat(again.status().value()).isEqualTo(410);
        assertThat(again.headline()).contains("already used");
    }

    @Test
    void requestedChangesGoBackToTheAuthorWithTheComment() {
        Post post = createPost(CREATOR, "External changes", null);
        ProcessInstance instance = atExternalStage(post);
        ExternalReviewLink link = onlyLink(post);
        String token = signer.sign(link);

        LinkRefused noComment = catchThrowableOfType(LinkRefused.class,
                () -> reviews.decide(token, "changes", "  ", link.getContentHash()));
        assertThat(noComment.status().value()).isEqualTo(400);
        LinkRefused reject = catchThrowableOfType(LinkRefused.class,
                () -> reviews.decide(token, "reject", "no", link.getContentHash()));
        assertThat(reject.status().value()).as("the page offers approve and changes only").isEqualTo(400);
        assertThat(instance).as("nothing changed").isWaitingAtExactly(STAGE);
        assertThat(links.findById(link.getId()).orElseThrow().getStatus()).isEqualTo(LinkStatus.PENDING);

        reviews.decide(token, "changes", "Please use our new logo", link.getContentHash());

        assertThat(instance).hasPassed(STAGE, ExternalStageDiagram.GATEWAY).isWaitingAtExactly(REVISE)
                .variables().containsEntry("decision", "changes").containsEntry("feedback", "Please use our new logo");
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.CHANGES_REQUESTED);
    }

    @Test
    void aManagerMayDecideOnTheApproversBehalfAndTheLinkDies() {
        Post post = createPost(CREATOR, "External on behalf", null);
        ProcessInstance instance = atExternalStage(post);
        ExternalReviewLink link = onlyLink(post);

        decide(MANAGER, openTask(instance, STAGE), "approve", "Client said yes on the phone");

        assertThat(instance).hasPassed(STAGE, "Activity_ApprovePost");
        ExternalReviewLink closed = links.findById(link.getId()).orElseThrow();
        assertThat(closed.getStatus()).isEqualTo(LinkStatus.CLOSED);
        assertThat(closed.getClosedBy()).isEqualTo("manager");
        LinkRefused refused = catchThrowableOfType(LinkRefused.class, () -> reviews.open(signer.sign(closed)));
        assertThat(refused.status().value()).isEqualTo(410);
        assertThat(taskService.getProcessInstanceComments(instance.getId()))
                .anySatisfy(c -> assertThat(c.getFullMessage()).startsWith("Approved by manager on behalf of the external approver"));
    }

    @Test
    void theAuthorCannotDecideTheExternalStageOfTheirOwnPost() {
        deployment = ExternalStageDiagram.deploy(repositoryService, APPROVER);
        Post post = createPost(MANAGER, "External own post", null);
        ProcessInstance instance = submit(MANAGER, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        Task task = openTask(instance, STAGE);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> as(MANAGER, () ->
                taskService.complete(task.getId(), Map.of("decision", "approve"))));

        assertThat(refused).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class).hasMessageContaining("Four-eyes");
        assertThat(instance).isWaitingAtExactly(STAGE);
    }

    @Test
    void withdrawingThePostKillsTheLink() {
        Post post = createPost(CREATOR, "External withdrawn", null);
        ProcessInstance instance = atExternalStage(post);
        ExternalReviewLink link = onlyLink(post);

        postService.withdraw(CREATOR, post.getId());

        assertThat(instance).isEnded();
        assertThat(links.findById(link.getId()).orElseThrow().getStatus()).isEqualTo(LinkStatus.CLOSED);
        LinkRefused refused = catchThrowableOfType(LinkRefused.class, () -> reviews.open(signer.sign(link)));
        assertThat(refused.status().value()).isEqualTo(410);
    }

    @Test
    void aStageWithoutAUsableAddressWaitsAndTellsTheManagers() {
        deployment = ExternalStageDiagram.deploy(repositoryService, "client@example.com, boss@example.com");
        Post post = createPost(CREATOR, "External no address", null);
        ProcessInstance instance = atExternalStage(post);

        assertThat(links.findByPostIdOrderByCreatedAtDesc(post.getId())).isEmpty();
        assertThat(recipients(notificationsAbout(post, "\"" + post.getTitle() + "\" waits in \"Client approval\"")))
                .contains("manager");
        decide(MANAGER, openTask(instance, STAGE), "reject", "The client is not reachable");
        assertThat(instance).hasPassed("Activity_RejectPost").isEnded();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.REJECTED);
    }
}
