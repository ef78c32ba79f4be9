package io.greenlight.publishing;

import io.greenlight.channel.Channel;
import io.greenlight.notify.NotificationRepository;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.post.VariantStatus;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the process does with each kind of network outcome: an expired token stops at once with an incident naming
 * the channel and the network's error (and tells the author and managers); 429 waits for Retry-After; an unknown
 * outcome on a network without idempotency opens {@code check-publication} for managers instead of retrying.
 */
class PublishOutcomesTest extends PublishingTestSupport {

    @RegisterExtension
    static final NetworkStub stub = new NetworkStub();

    @Autowired NotificationRepository notifications;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void resetStub() {
        stub.resetAll();
        stub.stubFor(get("/api/v2/instance").willReturn(okJson(
                "{\"configuration\":{\"statuses\":{\"max_characters\":500,\"max_media_attachments\":4,\"characters_reserved_per_url\":23}}}")));
    }

    @Test
    void anExpiredTokenRaisesAnIncidentAtOnceAndTellsTheAuthorAndManagers() {
        Channel masto = channel("MASTODON", stub.baseUrl(), null, "expired-token");
        stub.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"Doorkeeper\", error=\"invalid_token\"")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"The access token was revoked\"}")));
        Post post = newPost(null, new VariantContent(masto.getKey(), "Token test", null));
        String instance = submitAndApprove(post);

        List<String> failures = runDueJobs(instance);

        assertThat(failures).hasSize(1);
        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident).as("no retries for a refused token").isNotNull();
        assertThat(incident.getIncidentMessage()).contains("Mastodon channel '" + masto.getKey() + "'")
                .contains("401").contains("The access token was revoked");
        stub.verify(1, postRequestedFor(urlEqualTo("/api/v1/statuses")));
        Post failed = reload(post);
        assertThat(failed.getStatus()).isEqualTo(PostStatus.FAILED);
        assertThat(failed.variant(masto.getKey()).orElseThrow().getStatus()).isEqualTo(VariantStatus.FAILED);
        assertThat(notifications.findAll().stream().filter(n -> post.getId().equals(n.getPostId())
                && n.getMessage().contains("failed")).map(n -> n.getRecipient()).toList())
                .contains("creator", "manager", "admin");

        // the token is rotated and the incident retried in Cockpit: it goes out once
        channelService.rotate(MANAGER, masto.getKey(), "fresh-token");
        stub.resetMappings();
        stub.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"77\",\"url\":\"https://social.example/@b/77\"}")));
        Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
        managementService.setJobRetries(job.getId(), 1);
        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses"))).get(1).getHeader("Authorization"))
                .isEqualTo("Bearer fresh-token");
    }

    @Test
    void rateLimitedWaitsForRetryAfterBeforeTheNextAttempt() {
        Channel masto = channel("MASTODON", stub.baseUrl(), null, "token");
        stub.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Too many requests\"}")));
        Post post = newPost(null, new VariantContent(masto.getKey(), "Rate test", null));
        String instance = submitAndApprove(post);

        runDueJobs(instance);

        Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
        assertThat(job.getRetries()).isEqualTo(3);
        assertThat(job.getDuedate()).as("not the drawn 30 s back-off but the network's 10 min")
                .isEqualTo(new java.util.Date(ClockUtilNow() + Duration.ofSeconds(600).toMillis()));
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHING);
        assertThat(intents.findByPostIdOrderByIdAsc(post.getId()).get(0).getState()).isEqualTo(PublishIntent.State.NOT_SENT);
    }

    private long ClockUtilNow() {
        return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime();
    }

    @Test
    void anUnknownOutcomeOnAWebhookAsksManagersInsteadOfRetrying() {
        Channel hook = channel("WEBHOOK", stub.baseUrl() + "/hook", null, "secret");
        stub.stubFor(post("/hook").willReturn(okJson("{}").withFixedDelay(3000)));
        Post post = newPost(null, new VariantContent("local", "Local part", null),
                new VariantContent(hook.getKey(), "Webhook part", null));
        String instance = submitAndApprove(post);

        runDueJobs(instance);

        Task check = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("check-publication").singleResult();
        assertThat(check).as("a manager is asked").isNotNull();
        assertThat(taskService.getIdentityLinksForTask(check.getId())).extracting(IdentityLink::getGroupId).contains("managers");
        assertThat(runtimeService.getVariable(instance, PublishPost.UNCERTAIN_CHANNEL)).isEqualTo(hook.getKey());
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
        assertThat(reload(post).variant(hook.getKey()).orElseThrow().getLastError()).startsWith("Waiting for a manager to check");
        assertThat(call("creator", "GET", "/api/posts/" + post.getId() + "/publications", null).body()).contains("UNKNOWN");

        // the manager finds it went out and gives its URL: never sent again
        identityService.setAuthentication("manager", new ArrayList<>(List.of("managers", "reviewers")));
        try {
            taskService.claim(check.getId(), "manager");
            taskService.complete(check.getId(), Map.of("checkOutcome", "published", "publishedUrl", "https://intranet.example/n/1"));
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(runDueJobs(instance)).isEmpty();
        Post done = reload(post);
        assertThat(done.getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(done.variant(hook.getKey()).orElseThrow().getExternalUrl()).isEqualTo("https://intranet.example/n/1");
        assertThat(feed.countByPostId(post.getId())).isEqualTo(1);
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
    }

    @Test
    void aManagerWhoFindsItDidNotGoOutLetsItBeSentAgainOnce() {
        Channel hook = channel("WEBHOOK", stub.baseUrl() + "/hook2", null, "secret");
        stub.stubFor(post("/hook2").inScenario("h").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(504).withBody("gateway timeout")).willSetStateTo("up"));
        stub.stubFor(post("/hook2").inScenario("h").whenScenarioStateIs("up").willReturn(okJson("{\"id\":\"h-9\"}")));
        Post post = newPost(null, new VariantContent(hook.getKey(), "Webhook retry", null));
        String instance = submitAndApprove(post);
        runDueJobs(instance);
        Task check = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("check-publication").singleResult();
        assertThat(check).isNotNull();

        identityService.setAuthentication("manager", new ArrayList<>(List.of("managers", "reviewers")));
        try {
            taskService.claim(check.getId(), "manager");
            taskService.complete(check.getId(), Map.of("checkOutcome", "retry"));
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(reload(post).variant(hook.getKey()).orElseThrow().getExternalId()).isEqualTo("h-9");
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/hook2")))).hasSize(2);
    }

    @Test
    void mastodonAfterItsKeyExpiredIsCheckedByAPersonNotRetriedBlindly() {
        Channel masto = channel("MASTODON", stub.baseUrl(), null, "token");
        stub.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        Post post = newPost(null, new VariantContent(masto.getKey(), "Key window", null));
        String instance = submitAndApprove(post);
        runDueJobs(instance);
        assertThat(intents.findByPostIdOrderByIdAsc(post.getId()).get(0).getState()).isEqualTo(PublishIntent.State.SENDING);

        // within the hour: a retry with the same key is safe
        clockAt(plus(Duration.ofMinutes(1)));
        runDueJobs(instance);
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")))).hasSize(2);

        // past the hour Mastodon may have forgotten the key: ask a manager
        clockAt(plus(Duration.ofMinutes(70)));
        runDueJobs(instance);
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")))).hasSize(2);
        assertThat(taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("check-publication").count()).isEqualTo(1);
    }

    @Test
    void aTimeoutAfterSendingToXOpensTheCheckTaskInsteadOfRetrying() {
        Channel x = channel("X", stub.baseUrl(), "@brand", "x-token");
        stub.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"1\",\"text\":\"t\"}}").withFixedDelay(3000)));
        Post post = newPost(null, new VariantContent(x.getKey(), "To X", null));
        String instance = submitAndApprove(post);

        runDueJobs(instance);

        Task check = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("check-publication").singleResult();
        assertThat(check).as("X cannot be asked: a manager checks").isNotNull();
        assertThat(runtimeService.getVariable(instance, PublishPost.UNCERTAIN_CHANNEL)).isEqualTo(x.getKey());
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/2/tweets")))).hasSize(1);
        assertThat(intents.findByPostIdOrderByIdAsc(post.getId()).get(0).getState()).isEqualTo(PublishIntent.State.UNKNOWN);
    }

    @Test
    void anExpiredLinkedInTokenRaisesAnIncidentNamingTheChannel() {
        Channel li = channel("LINKEDIN", stub.baseUrl(), "urn:li:organization:5515715", "li-token");
        stub.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"serviceErrorCode\":65601,\"code\":\"EXPIRED_ACCESS_TOKEN\",\"message\":\"The token used in the request has expired\",\"status\":401}")));
        Post post = newPost(null, new VariantContent(li.getKey(), "To LinkedIn", null));
        String instance = submitAndApprove(post);

        runDueJobs(instance);

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentMessage()).contains("LinkedIn channel '" + li.getKey() + "'").contains("401")
                .contains("The token used in the request has expired");
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/rest/posts")))).hasSize(1);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.FAILED);
    }

    @Test
    void aChannelSwitchedOffAfterApprovalPublishesNothingAndRaisesAnIncident() {
        Channel masto = channel("MASTODON", stub.baseUrl(), null, "token");
        stub.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"9\",\"url\":\"https://social.example/@b/9\"}")));
        Post post = newPost(null, new VariantContent(masto.getKey(), "Switched off", null));
        String instance = submitAndApprove(post);
        channelService.update(MANAGER, masto.getKey(), new io.greenlight.channel.ChannelService.ChannelEdit(null, null, null, false));

        runDueJobs(instance);

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident.getIncidentMessage()).contains("switched off").contains(masto.getKey());
        stub.verify(0, postRequestedFor(urlEqualTo("/api/v1/statuses")));
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.FAILED);

        channelService.update(MANAGER, masto.getKey(), new io.greenlight.channel.ChannelService.ChannelEdit(null, null, null, true));
        Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
        managementService.setJobRetries(job.getId(), 1);
        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        stub.verify(1, postRequestedFor(urlEqualTo("/api/v1/statuses")));
    }
}
