package io.greenlight.publishing;

import io.greenlight.publishing.local.FeedEntryRepository;
import io.greenlight.publishing.metrics.PostMetrics;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelService;
import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.post.VariantStatus;
import io.greenlight.security.CurrentUser;
import io.greenlight.testing.RestartedApp;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when": a post for {@code local} + a stub Mastodon + a stub Bluesky (loopback) publishes to all
 * three exactly once through a restart in the middle. The networks accept the post but the answer never reaches
 * Greenlight (it arrives after the read timeout), so the publish jobs of the first run fail with their intents
 * committed and no result; the application is then stopped and started again on the same database, and the
 * retried jobs finish: Mastodon sees the same Idempotency-Key again (a real server returns the existing status),
 * Bluesky is asked with getRecord first and createRecord is never called twice.
 */
class ExactlyOnceRestartTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final CurrentUser MANAGER = new CurrentUser("manager", Set.of("managers", "reviewers"));
    static final String DID = "did:plc:brand123";

    @TempDir
    Path dir;

    WireMockServer stub;
    Date now;

    @BeforeEach
    void start() {
        stub = ConnectorFixtures.startServer();
        now = Date.from(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant());
        ClockUtil.setCurrentTime(now);
    }

    @AfterEach
    void stop() {
        stub.stop();
        ClockUtil.reset();
    }

    @Test
    void aPostForLocalMastodonAndBlueskyGoesOutExactlyOnceThroughARestart() {
        Map<String, ProcessEngine> enginesBefore = new HashMap<>(ProcessEngines.getProcessEngines());
        stub.stubFor(get("/api/v2/instance").willReturn(okJson(
                "{\"domain\":\"social.example\",\"configuration\":{\"statuses\":{\"max_characters\":500,"
                        + "\"max_media_attachments\":4,\"characters_reserved_per_url\":23}}}")));
        // Mastodon: the status is created, the answer comes too late for the first call
        String status = "{\"id\":\"1100\",\"url\":\"https://social.example/@brand/1100\",\"uri\":\"https://social.example/users/brand/statuses/1100\"}";
        stub.stubFor(post("/api/v1/statuses").inScenario("masto").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status).withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)).willSetStateTo("created"));
        stub.stubFor(post("/api/v1/statuses").inScenario("masto").whenScenarioStateIs("created").willReturn(okJson(status)));
        // Bluesky: session; the record is created but the answer comes too late; afterwards getRecord finds it
        stub.stubFor(post("/xrpc/com.atproto.server.createSession").willReturn(okJson(
                "{\"accessJwt\":\"jwt\",\"refreshJwt\":\"r\",\"handle\":\"brand.bsky.social\",\"did\":\"" + DID + "\"}")));
        stub.stubFor(post("/xrpc/com.atproto.repo.createRecord").inScenario("bsky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"uri\":\"at://" + DID + "/app.bsky.feed.post/x\",\"cid\":\"c\"}")
                        .withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)).willSetStateTo("created"));
        stub.stubFor(post("/xrpc/com.atproto.repo.createRecord").inScenario("bsky").whenScenarioStateIs("created")
                .willReturn(okJson("{\"uri\":\"at://" + DID + "/app.bsky.feed.post/x\",\"cid\":\"c\"}")));
        stub.stubFor(get(urlPathEqualTo("/xrpc/com.atproto.repo.getRecord")).inScenario("bsky").whenScenarioStateIs("created")
                .willReturn(okJson("{\"uri\":\"at://" + DID + "/app.bsky.feed.post/RKEY\",\"cid\":\"c\",\"value\":{}}")));

        String url = RestartedApp.database(dir);
        String postId;
        String instanceId;
        String mastodonKey;
        try (ConfigurableApplicationContext first = start(url)) {
            ChannelService channels = first.getBean(ChannelService.class);
            Channel masto = channels.create(MANAGER, new ChannelService.ChannelCommand("masto", "Brand on Mastodon",
                    "MASTODON", stub.baseUrl(), null, "masto-token"));
            Channel bsky = channels.create(MANAGER, new ChannelService.ChannelCommand("bsky", "Brand on Bluesky",
                    "BLUESKY", stub.baseUrl(), "brand.bsky.social", "app-password"));
            PostService posts = first.getBean(PostService.class);
            Post post = posts.create(CREATOR, new PostCommand("Launch", null, null, "UTC", List.of(
                    new VariantContent("local", "We launch today", null),
                    new VariantContent(masto.getKey(), "We launch today on Mastodon", null),
                    new VariantContent(bsky.getKey(), "We launch today on Bluesky #launch", null))));
            postId = post.getId();
            instanceId = posts.submit(CREATOR, postId).getProcessInstanceId();
            approveAll(first, instanceId);
            List<String> failures = runDueJobs(first, instanceId);

            assertThat(failures).hasSize(2).allMatch(m -> m.contains("may be out"));
            Post half = first.getBean(PostRepository.class).findById(postId).orElseThrow();
            assertThat(half.variant("local").orElseThrow().getStatus()).isEqualTo(VariantStatus.PUBLISHED);
            assertThat(half.variant("masto").orElseThrow().getStatus()).isEqualTo(VariantStatus.PENDING);
            assertThat(half.variant("bsky").orElseThrow().getStatus()).isEqualTo(VariantStatus.PENDING);
            PublishIntentRepository intents = first.getBean(PublishIntentRepository.class);
            assertThat(intents.findByPostIdOrderByIdAsc(postId)).extracting(PublishIntent::getChannel, PublishIntent::getState)
                    .contains(org.assertj.core.groups.Tuple.tuple("masto", PublishIntent.State.SENDING),
                            org.assertj.core.groups.Tuple.tuple("bsky", PublishIntent.State.SENDING),
                            org.assertj.core.groups.Tuple.tuple("local", PublishIntent.State.PUBLISHED));
            mastodonKey = intents.findByPostIdOrderByIdAsc(postId).stream().filter(i -> i.getChannel().equals("masto"))
                    .findFirst().orElseThrow().getIdempotencyKey();
        }
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")))).hasSize(1);
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/xrpc/com.atproto.repo.createRecord")))).hasSize(1);

        // restart on the same database; the retries are due after the first back-off
        ClockUtil.setCurrentTime(new Date(now.getTime() + Duration.ofMinutes(1).toMillis()));
        try (ConfigurableApplicationContext second = start(url)) {
            List<String> failures = runDueJobs(second, instanceId);
            assertThat(failures).isEmpty();

            Post done = second.getBean(PostRepository.class).findById(postId).orElseThrow();
            assertThat(done.getStatus()).isEqualTo(PostStatus.PUBLISHED);
            assertThat(done.getVariants()).allMatch(v -> v.getStatus() == VariantStatus.PUBLISHED);
            assertThat(done.variant("masto").orElseThrow().getExternalId()).isEqualTo("1100");
            assertThat(done.variant("bsky").orElseThrow().getExternalUrl())
                    .startsWith("https://bsky.app/profile/brand.bsky.social/post/");
            assertThat(second.getBean(FeedEntryRepository.class).countByPostId(postId)).isEqualTo(1);
            assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery().processInstanceId(instanceId).count())
                    .as("the approval instance ended at publish").isZero();
            assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery()
                    .processDefinitionKey(PostMetrics.PROCESS).processInstanceBusinessKey(postId).count())
                    .as("publishing starts no post-metrics instance: the periodic sweep reads the metrics").isZero();
        }

        // Mastodon: both calls carried the same key, so the server created one status; Bluesky: created once
        List<LoggedRequest> statuses = stub.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")));
        assertThat(statuses).hasSize(2).allMatch(r -> mastodonKey.equals(r.getHeader("Idempotency-Key")));
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/xrpc/com.atproto.repo.createRecord")))).hasSize(1);
        assertThat(stub.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/xrpc/com.atproto.repo.getRecord")).withQueryParam("repo", equalTo(DID)))).hasSize(1);
        assertThat(ProcessEngines.getProcessEngines()).isEqualTo(enginesBefore);
    }

    private void approveAll(ConfigurableApplicationContext context, String instanceId) {
        TaskService tasks = context.getBean(TaskService.class);
        IdentityService identity = context.getBean(IdentityService.class);
        for (int round = 0; round < 5; round++) {
            List<Task> open = tasks.createTaskQuery().processInstanceId(instanceId).list();
            if (open.isEmpty()) {
                return;
            }
            for (Task task : open) {
                identity.setAuthentication("admin", new ArrayList<>(List.of("camunda-admin", "managers")));
                try {
                    tasks.claim(task.getId(), "admin");
                    tasks.complete(task.getId(), Map.of("decision", "approve"));
                } finally {
                    identity.clearAuthentication();
                }
            }
        }
    }

    private List<String> runDueJobs(ConfigurableApplicationContext context, String instanceId) {
        return RestartedApp.runDueJobs(context, instanceId, 10);
    }

    private ConfigurableApplicationContext start(String url) {
        return RestartedApp.start(url, dir, "publishRestartTest", "--greenlight.publishing.read-timeout=PT0.8S");
    }
}
