package io.greenlight.publishing.recall;

import io.greenlight.publishing.PublishingTestSupport;
import io.greenlight.publishing.PublishingAuditRepository;
import io.greenlight.publishing.PublishingAudit;
import io.greenlight.publishing.NetworkStub;
import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Every path of {@code post-recall}: deleted through the networks' APIs (Mastodon {@code DELETE /api/v1/statuses/:id},
 * the {@code local} feed), removed by hand where the network has no delete (webhook: task {@code remove-manually} for
 * managers), and a refused token (incident naming the channel; once fixed, a retry deletes it). Audited both times.
 */
class RecallProcessTest extends PublishingTestSupport {

    @RegisterExtension
    static final NetworkStub stub = new NetworkStub();

    @Autowired ProcessEngine processEngine;
    @Autowired PublishingAuditRepository audit;
    @Autowired VariantRecallRepository recalls;

    @BeforeEach
    void stubs() {
        BpmnAwareTests.init(processEngine);
        stub.resetAll();
        stub.stubFor(get("/api/v2/instance").willReturn(okJson(
                "{\"configuration\":{\"statuses\":{\"max_characters\":500,\"max_media_attachments\":4,\"characters_reserved_per_url\":23}}}")));
        stub.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"4711\",\"url\":\"https://social.example/@b/4711\"}")));
        stub.stubFor(post("/hook").willReturn(okJson("{\"id\":\"h-1\"}")));
    }

    private Post published(VariantContent... variants) {
        Post post = newPost(null, variants);
        String instance = submitAndApprove(post);
        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        return post;
    }

    private ProcessInstance recallOf(Post post) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(PostRecalls.PROCESS)
                .processInstanceBusinessKey(post.getId()).singleResult();
    }

    @Test
    void deletesFromEveryNetworkThatAllowsItAndAuditsIt() {
        Channel masto = channel("MASTODON", stub.baseUrl(), null, "token");
        stub.stubFor(delete("/api/v1/statuses/4711").willReturn(okJson("{\"id\":\"4711\",\"text\":\"Recall me\"}")));
        Post post = published(new VariantContent("local", "Recall me", null), new VariantContent(masto.getKey(), "Recall me", null));
        assertThat(feed.countByPostId(post.getId())).isEqualTo(1);

        Reply asked = call("creator", "POST", "/api/posts/" + post.getId() + "/recall", Map.of("reason", "Wrong price"));

        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        ProcessInstance recall = recallOf(post);
        assertThat(recall).isStarted().isWaitingAt("Activity_DeleteFromNetwork");
        assertThat(runDueJobs(recall.getId())).isEmpty();
        assertThat(recall).isEnded().hasPassed("Event_DeletedByApi", "Activity_FinishRecall", "Event_PostWithdrawn")
                .hasNotPassed("remove-manually");
        stub.verify(1, deleteRequestedFor(urlEqualTo("/api/v1/statuses/4711")).withHeader("Authorization", equalTo("Bearer token")));
        assertThat(feed.countByPostId(post.getId())).isZero();
        assertThat(recalls.findByPostIdOrderByChannelAsc(post.getId())).extracting(VariantRecall::getState)
                .containsOnly(VariantRecall.State.DELETED);
        assertThat(audit.findTop50ByOrderByIdDesc().stream().filter(a -> a.getDetail().contains(post.getId()))
                .map(PublishingAudit::getAction).toList()).containsExactly("RECALLED", "RECALL");
        assertThat(call("creator", "GET", "/api/posts/" + post.getId() + "/recall", null).body()).contains("DELETED");
        assertThat(call("creator", "GET", "/posts/" + post.getId(), null).body()).contains("Withdrawn").contains("Wrong price");
        // a second request finds nothing left to withdraw
        assertThat(call("creator", "POST", "/api/posts/" + post.getId() + "/recall", Map.of("reason", "again")).status()).isEqualTo(409);
    }

    @Test
    void aNetworkWithoutDeleteAsksAManagerToRemoveItByHand() {
        Channel hook = channel("WEBHOOK", stub.baseUrl() + "/hook", null, "secret");
        Post post = published(new VariantContent(hook.getKey(), "Hooked", null));

        postRecalls.request(MANAGER, post.getId(), "Crisis");
        ProcessInstance recall = recallOf(post);
        runDueJobs(recall.getId());

        assertThat(recall).isWaitingAt("remove-manually").hasPassed("Event_CannotDeleteByApi");
        Task task = taskService.createTaskQuery().processInstanceId(recall.getId()).singleResult();
        assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId).contains("managers");
        assertThat(recalls.findByPostIdAndChannel(post.getId(), hook.getKey()).orElseThrow().getState())
                .isEqualTo(VariantRecall.State.MANUAL);

        identityService.setAuthentication("manager", new ArrayList<>(List.of("managers", "reviewers")));
        try {
            taskService.claim(task.getId(), "manager");
            taskService.complete(task.getId(), Map.of("removedByHand", true));
        } finally {
            identityService.clearAuthentication();
        }

        assertThat(recall).isEnded().hasPassed("Activity_RecordManualRemoval", "Event_RemovedByHand", "Event_PostWithdrawn");
        VariantRecall done = recalls.findByPostIdAndChannel(post.getId(), hook.getKey()).orElseThrow();
        assertThat(done.getState()).isEqualTo(VariantRecall.State.REMOVED_MANUALLY);
        assertThat(done.getDoneBy()).isEqualTo("manager");
    }

    @Test
    void aRefusedTokenIsAnIncidentNamingTheChannelAndARetryDeletesIt() {
        Channel masto = channel("MASTODON", stub.baseUrl(), null, "old-token");
        Post post = published(new VariantContent(masto.getKey(), "Token", null));
        stub.stubFor(delete("/api/v1/statuses/4711").withHeader("Authorization", equalTo("Bearer old-token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"The access token was revoked\"}")));
        stub.stubFor(delete("/api/v1/statuses/4711").withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(okJson("{\"id\":\"4711\"}")));

        postRecalls.request(MANAGER, post.getId(), "Typo");
        ProcessInstance recall = recallOf(post);
        runDueJobs(recall.getId());

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(recall.getId()).singleResult();
        assertThat(incident.getIncidentMessage()).contains("Mastodon channel '" + masto.getKey() + "'").contains("revoked");
        assertThat(recalls.findByPostIdAndChannel(post.getId(), masto.getKey()).orElseThrow().getLastError()).contains("revoked");

        channelService.rotate(MANAGER, masto.getKey(), "new-token");
        Job job = managementService.createJobQuery().processInstanceId(recall.getId()).singleResult();
        managementService.setJobRetries(job.getId(), 1);
        assertThat(runDueJobs(recall.getId())).isEmpty();
        assertThat(recall).isEnded();
        assertThat(recalls.findByPostIdAndChannel(post.getId(), masto.getKey()).orElseThrow().getState())
                .isEqualTo(VariantRecall.State.DELETED);
    }

    @Test
    void onlyTheAuthorOrAManagerWithdrawsAndOnlyWhatWasPublished() {
        Post draft = newPost(null, new VariantContent("local", "Draft", null));
        assertThat(call("creator", "POST", "/api/posts/" + draft.getId() + "/recall", Map.of("reason", "x")).status()).isEqualTo(409);
        Post post = published(new VariantContent("local", "Mine", null));
        assertThat(call("reviewer", "POST", "/api/posts/" + post.getId() + "/recall", Map.of("reason", "x")).status()).isEqualTo(403);
        Reply noReason = call("creator", "POST", "/api/posts/" + post.getId() + "/recall", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("detail").asText()).contains("reason");
        assertThat(call("creator", "POST", "/api/posts/nope/recall", Map.of("reason", "x")).status()).isEqualTo(404);
        assertThat(recallOf(post)).isNull();
    }

    @Autowired PostRecalls postRecalls;
}
