package io.greenlight.publishing.metrics;

import io.greenlight.publishing.PublishingTestSupport;
import io.greenlight.publishing.NetworkStub;
import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * {@code post-metrics} is one periodic sweep, not an instance per variant: publishing starts nothing; every tick of
 * its timer start event reads, for each reading drawn in the diagram, the variants that are due for it, from the
 * (stubbed) networks. The local feed, which has no metrics, is never asked; a failing network fails nothing and is
 * asked again by the next sweep; a sweep run twice stores nothing twice; the catch-up window and the per-sweep cap
 * bound what one task reads, and the drawn loop runs the task again (a new job) while readings are due and it
 * stored some. Instances of the former diagram that still wait at a timer keep working.
 */
class PostMetricsProcessTest extends PublishingTestSupport {

    @RegisterExtension
    static final NetworkStub stub = new NetworkStub();
    static final String DID = "did:plc:brand123";

    static final String[] SWEEP = {"Event_MetricsTick", "Gateway_Join1h", "Activity_Read1h", "Gateway_More1h",
            "Gateway_Join24h", "Activity_Read24h", "Gateway_More24h", "Gateway_Join7d", "Activity_Read7d", "Gateway_More7d",
            "Event_ReadingsTaken"};

    @Autowired VariantMetricRepository readings;
    @Autowired MetricsSweep metricsSweep;
    @Autowired RepositoryService repositoryService;
    @Autowired ProcessEngine processEngine;
    @Autowired HistoryService historyService;

    /** This test's Mastodon status and Bluesky record (earlier tests' posts may be due in the same sweeps). */
    String status;
    String record;

    @BeforeAll
    static void stubTheNetworks() {
        stub.stubFor(get("/api/v2/instance").willReturn(okJson(
                "{\"configuration\":{\"statuses\":{\"max_characters\":500,\"max_media_attachments\":4,\"characters_reserved_per_url\":23}}}")));
        stub.stubFor(post("/xrpc/com.atproto.server.createSession").willReturn(okJson(
                "{\"accessJwt\":\"jwt\",\"refreshJwt\":\"r\",\"handle\":\"brand.bsky.social\",\"did\":\"" + DID + "\"}")));
    }

    @BeforeEach
    void engineAndThisTestsPosts() {
        BpmnAwareTests.init(processEngine);
        status = String.valueOf(System.nanoTime());
        record = "at://" + DID + "/app.bsky.feed.post/3m" + status;
        stub.stubFor(post("/api/v1/statuses").willReturn(okJson(
                "{\"id\":\"" + status + "\",\"url\":\"https://social.example/@b/" + status + "\"}")));
        stub.stubFor(post("/xrpc/com.atproto.repo.createRecord").willReturn(okJson(
                "{\"uri\":\"" + record + "\",\"cid\":\"c\"}")));
    }

    private void counts(int favourites, int likes) {
        stub.stubFor(get("/api/v1/statuses/" + status).willReturn(okJson(
                "{\"id\":\"" + status + "\",\"favourites_count\":" + favourites + ",\"reblogs_count\":2,\"replies_count\":1}")));
        stub.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.feed.getPosts"))
                .withQueryParam("uris", equalTo(record))
                .willReturn(okJson("{\"posts\":[{\"uri\":\"at://x\",\"likeCount\":" + likes + ",\"repostCount\":4,\"replyCount\":3}]}")));
    }

    private int mastodonReads() {
        return stub.findAll(getRequestedFor(urlPathEqualTo("/api/v1/statuses/" + status))).size();
    }

    private Integer likes(Post post, Channel channel, String reading) {
        return readings.findByPostIdAndChannelAndReading(post.getId(), channel.getKey(), reading).orElseThrow().getLikes();
    }

    /** Publishes a post to the local feed, Mastodon and Bluesky; returns it with its channels. */
    private record Published(Post post, Channel masto, Channel bsky) {
    }

    private Published publish() {
        Channel masto = channel("MASTODON", stub.baseUrl(), null, "token");
        Channel bsky = channel("BLUESKY", stub.baseUrl(), "brand.bsky.social", "app-password");
        Post post = newPost(null, new VariantContent("local", "Metrics local", null),
                new VariantContent(masto.getKey(), "Metrics masto", null),
                new VariantContent(bsky.getKey(), "Metrics bsky", null));
        String instance = submitAndApprove(post);
        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        return new Published(post, masto, bsky);
    }

    @Test
    void eachSweepTakesTheReadingsThatAreDueAndThePostPageShowsThem() {
        Published p = publish();
        Post post = p.post();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostMetrics.PROCESS)
                .processInstanceBusinessKey(post.getId()).count()).as("publishing starts no metrics instance").isZero();

        counts(10, 20);
        clockAt(plus(Duration.ofMinutes(30)));
        ProcessInstance early = sweepMetrics();
        assertThat(early).isEnded().hasPassedInOrder(SWEEP);
        assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(post.getId())).as("nothing before the hour").isEmpty();

        clockAt(plus(Duration.ofMinutes(31)));
        assertThat(sweepMetrics()).isEnded().hasPassedInOrder(SWEEP);
        assertThat(likes(post, p.masto(), "1h")).isEqualTo(10);
        assertThat(likes(post, p.bsky(), "1h")).isEqualTo(20);
        assertThat(readings.findByPostIdAndChannelAndReading(post.getId(), "local", "1h")).as("local has no metrics").isEmpty();
        assertThat(readings.findByPostIdAndChannelAndReading(post.getId(), p.masto().getKey(), "24h")).isEmpty();

        // the next sweep finds nothing due for this post: no second call, no second row
        int reads = mastodonReads();
        counts(11, 21);
        clockAt(plus(Duration.ofMinutes(5)));
        sweepMetrics();
        assertThat(mastodonReads()).isEqualTo(reads);
        assertThat(likes(post, p.masto(), "1h")).as("the first reading stays").isEqualTo(10);

        counts(30, 40);
        clockAt(plus(Duration.ofHours(23)));
        sweepMetrics();
        counts(50, 60);
        clockAt(plus(Duration.ofDays(6)));
        sweepMetrics();

        VariantMetric week = readings.findByPostIdAndChannelAndReading(post.getId(), p.bsky().getKey(), "7d").orElseThrow();
        assertThat(week.getLikes()).isEqualTo(60);
        assertThat(week.getReposts()).isEqualTo(4);
        assertThat(week.getReplies()).isEqualTo(3);
        assertThat(likes(post, p.masto(), "24h")).isEqualTo(30);
        assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(post.getId())).hasSize(6);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);

        Reply page = call("creator", "GET", "/posts/" + post.getId(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Metrics").contains("7d").contains(">60<");
        Reply api = call("creator", "GET", "/api/posts/" + post.getId() + "/metrics", null);
        assertThat(api.json()).hasSize(6);
    }

    @Test
    void aFailingNetworkFailsNotTheSweepAndIsAskedAgainByTheNext() {
        Published p = publish();
        Post post = p.post();
        counts(10, 20);
        stub.stubFor(get("/api/v1/statuses/" + status).willReturn(serverError()));
        clockAt(plus(Duration.ofMinutes(61)));
        ProcessInstance sweep = sweepMetrics();
        assertThat(sweep).isEnded().hasPassedInOrder(SWEEP);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(sweep.getId()).count()).isZero();
        assertThat(likes(post, p.bsky(), "1h")).as("the other network is read").isEqualTo(20);
        assertThat(readings.findByPostIdAndChannelAndReading(post.getId(), p.masto().getKey(), "1h")).isEmpty();

        counts(12, 22);
        clockAt(plus(Duration.ofMinutes(5)));
        sweepMetrics();
        assertThat(likes(post, p.masto(), "1h")).as("read by the next sweep").isEqualTo(12);
        assertThat(likes(post, p.bsky(), "1h")).as("not read twice").isEqualTo(20);
    }

    @Test
    void aSweepRunAgainStoresNothingTwice() {
        Published p = publish();
        counts(10, 20);
        clockAt(plus(Duration.ofMinutes(61)));
        MetricsSweep.Result first = metricsSweep.sweep("1h", Duration.ofHours(1), Duration.ofDays(2));
        assertThat(first.stored()).isGreaterThanOrEqualTo(2);
        int reads = mastodonReads();
        metricsSweep.sweep("1h", Duration.ofHours(1), Duration.ofDays(2));
        assertThat(mastodonReads()).as("the re-run does not ask again").isEqualTo(reads);
        assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(p.post().getId())).hasSize(2);
    }

    @Test
    void aVariantPastItsCatchUpIsNoLongerReadButItsLaterReadingIs() {
        Published p = publish();
        counts(10, 20);
        // the server was down for two days: the 1 h reading is past its window (1 h + 2 d), the 24 h one is due
        clockAt(plus(Duration.ofDays(2).plusHours(1).plusMinutes(5)));
        sweepMetrics();
        assertThat(readings.findByPostIdAndChannelAndReading(p.post().getId(), p.masto().getKey(), "1h")).isEmpty();
        assertThat(likes(p.post(), p.masto(), "24h")).isEqualTo(10);
        assertThat(likes(p.post(), p.bsky(), "24h")).isEqualTo(20);
    }

    @Test
    void oneSweepReadsAtMostItsCapAndLeavesTheRestToTheNext() {
        // far from the other tests' posts, and a narrow window: only this post is due
        clockAt(new Date(now.getTime() + Duration.ofDays(1234).toMillis()));
        Published p = publish();
        counts(10, 20);
        clockAt(plus(Duration.ofMinutes(61)));
        Object cap = ReflectionTestUtils.getField(metricsSweep, "perSweep");
        ReflectionTestUtils.setField(metricsSweep, "perSweep", 1);
        try {
            MetricsSweep.Result first = metricsSweep.sweep("1h", Duration.ofHours(1), Duration.ofMinutes(10));
            assertThat(first.due()).isEqualTo(2);
            assertThat(first.asked()).isEqualTo(1);
            assertThat(first.moreDue()).as("stopped at the cap after storing one").isTrue();
            assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(p.post().getId())).as("one per sweep").hasSize(1);
            MetricsSweep.Result second = metricsSweep.sweep("1h", Duration.ofHours(1), Duration.ofMinutes(10));
            assertThat(second.due()).isEqualTo(1);
            assertThat(second.moreDue()).as("nothing left").isFalse();
            assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(p.post().getId())).as("the rest next time").hasSize(2);
        } finally {
            ReflectionTestUtils.setField(metricsSweep, "perSweep", cap);
        }
    }

    private long passed(ProcessInstance sweep, String element) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(sweep.getId())
                .activityId(element).finished().count();
    }

    /** How often the sweep ran this task, each time its own (successful) job. */
    private long runs(ProcessInstance sweep, String activity) {
        long passed = passed(sweep, activity);
        long jobs = historyService.createHistoricJobLogQuery().processInstanceId(sweep.getId()).activityIdIn(activity)
                .successLog().count();
        assertThat(jobs).as("each run of %s is its own job", activity).isEqualTo(passed);
        return passed;
    }

    private void withCapAndBudget(int perSweep, Duration budget, Runnable test) {
        Object cap = ReflectionTestUtils.getField(metricsSweep, "perSweep");
        Object time = ReflectionTestUtils.getField(metricsSweep, "budget");
        ReflectionTestUtils.setField(metricsSweep, "perSweep", perSweep);
        ReflectionTestUtils.setField(metricsSweep, "budget", budget);
        try {
            test.run();
        } finally {
            ReflectionTestUtils.setField(metricsSweep, "perSweep", cap);
            ReflectionTestUtils.setField(metricsSweep, "budget", time);
        }
    }

    @Test
    void aTaskStoppedAtItsCapRunsAgainInTheSameSweepUntilAllDueReadingsAreTaken() {
        // far from the other tests' posts: only these two posts (four variants with metrics) are due
        clockAt(new Date(now.getTime() + Duration.ofDays(3000).toMillis()));
        Published first = publish();
        Published second = publish();
        counts(10, 20);
        clockAt(plus(Duration.ofMinutes(61)));
        withCapAndBudget(1, Duration.ofSeconds(10), () -> {
            ProcessInstance sweep = sweepMetrics();
            assertThat(sweep).isEnded().hasPassedInOrder(SWEEP);
            assertThat(runs(sweep, "Activity_Read1h")).as("one network call per job, four due").isEqualTo(4);
            assertThat(passed(sweep, "Gateway_More1h")).isEqualTo(4);
            assertThat(passed(sweep, "Gateway_Join1h")).as("looped back three times").isEqualTo(4);
            assertThat(runs(sweep, "Activity_Read24h")).as("nothing due: once").isEqualTo(1);
            assertThat(runs(sweep, "Activity_Read7d")).isEqualTo(1);
        });
        for (Published p : List.of(first, second)) {
            assertThat(likes(p.post(), p.masto(), "1h")).isEqualTo(10);
            assertThat(likes(p.post(), p.bsky(), "1h")).isEqualTo(20);
        }
    }

    @Test
    void aTaskThatStoredNothingDoesNotRunAgainEvenWithReadingsDue() {
        clockAt(new Date(now.getTime() + Duration.ofDays(3100).toMillis()));
        Published p = publish();
        counts(10, 20);
        // both networks fail every time: the task stops at its cap with due variants left, but made no progress
        stub.stubFor(get("/api/v1/statuses/" + status).willReturn(serverError()));
        stub.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.feed.getPosts")).withQueryParam("uris", equalTo(record))
                .willReturn(serverError()));
        clockAt(plus(Duration.ofMinutes(61)));
        withCapAndBudget(1, Duration.ofSeconds(10), () -> {
            ProcessInstance sweep = sweepMetrics();
            assertThat(sweep).isEnded().hasPassedInOrder(SWEEP);
            assertThat(runs(sweep, "Activity_Read1h")).as("no loop without a stored reading").isEqualTo(1);
            assertThat(runtimeService.createIncidentQuery().processInstanceId(sweep.getId()).count()).isZero();
        });
        assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(p.post().getId())).isEmpty();

        // the networks are back: the next sweep reads both, running the task again after the first
        counts(12, 22);
        clockAt(plus(Duration.ofMinutes(15)));
        withCapAndBudget(1, Duration.ofSeconds(10), () -> assertThat(runs(sweepMetrics(), "Activity_Read1h")).isEqualTo(2));
        assertThat(likes(p.post(), p.masto(), "1h")).isEqualTo(12);
        assertThat(likes(p.post(), p.bsky(), "1h")).isEqualTo(22);
    }

    @Test
    void aTaskOutOfTimeRunsAgainAsANewJob() {
        clockAt(new Date(now.getTime() + Duration.ofDays(3200).toMillis()));
        Published p = publish();
        counts(10, 20);
        clockAt(plus(Duration.ofMinutes(61)));
        // no time at all: one call per job, then the budget is spent
        withCapAndBudget(100, Duration.ZERO, () -> {
            ProcessInstance sweep = sweepMetrics();
            assertThat(sweep).isEnded();
            assertThat(runs(sweep, "Activity_Read1h")).isEqualTo(2);
        });
        assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(p.post().getId())).hasSize(2);
    }

    @Test
    void anInstanceOfTheFormerDiagramWaitingAtItsTimerStillReadsItsVariant() throws IOException {
        Published p = publish();
        Post post = p.post();
        // the former diagram, one instance per variant (deployed under another key so that post-metrics stays the sweep)
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/legacy/post-metrics-per-variant.bpmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("id=\"post-metrics\"", "id=\"post-metrics-per-variant\"");
        }
        String deployment = repositoryService.createDeployment().name("post-metrics-per-variant")
                .addString("post-metrics-per-variant.bpmn", xml).deploy().getId();
        try {
            ProcessInstance old = runtimeService.startProcessInstanceByKey("post-metrics-per-variant", post.getId(),
                    Variables.createVariables().putValue("postId", post.getId()).putValue("channel", p.masto().getKey()));
            assertThat(old).isWaitingAt("Event_After1h");

            counts(10, 20);
            clockAt(plus(Duration.ofMinutes(61)));
            assertThat(runDueJobs(old.getId())).isEmpty();
            assertThat(old).isWaitingAt("Event_After24h").variables().containsEntry("metricsAvailable", true);
            assertThat(likes(post, p.masto(), "1h")).isEqualTo(10);

            // the sweep takes the other variant's reading and leaves the one stored by the old instance alone
            counts(11, 21);
            sweepMetrics();
            assertThat(likes(post, p.masto(), "1h")).isEqualTo(10);
            assertThat(likes(post, p.bsky(), "1h")).isEqualTo(21);

            counts(30, 40);
            clockAt(plus(Duration.ofHours(23)));
            assertThat(runDueJobs(old.getId())).isEmpty();
            counts(50, 60);
            clockAt(plus(Duration.ofDays(6)));
            assertThat(runDueJobs(old.getId())).isEmpty();
            assertThat(old).isEnded().hasPassed("Activity_Collect1h", "Activity_Collect24h", "Activity_Collect7d");
            assertThat(likes(post, p.masto(), "24h")).isEqualTo(30);
            assertThat(likes(post, p.masto(), "7d")).isEqualTo(50);
            assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(post.getId())
                    .stream().filter(m -> m.getChannel().equals(p.masto().getKey())).map(VariantMetric::getReading))
                    .as("one row per reading").containsExactlyInAnyOrder("1h", "24h", "7d");

            // a variant on the local feed (no metrics) is skipped, not failed
            ProcessInstance local = runtimeService.startProcessInstanceByKey("post-metrics-per-variant", post.getId(),
                    Variables.createVariables().putValue("postId", post.getId()).putValue("channel", "local"));
            clockAt(plus(Duration.ofMinutes(61)));
            assertThat(runDueJobs(local.getId())).isEmpty();
            assertThat(local).isWaitingAt("Event_After24h").variables().containsEntry("metricsAvailable", false);
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }

    @Test
    void aReadingWithoutAWellFormedAfterRaisesAnIncidentThatSaysWhy() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="metrics-bad-input" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="s"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="read"/>
                    <bpmn:serviceTask id="read" name="Read" camunda:delegateExpression="${collectMetrics}">
                      <bpmn:extensionElements><camunda:inputOutput>
                        <camunda:inputParameter name="reading">1h</camunda:inputParameter>
                        <camunda:inputParameter name="after">one hour</camunda:inputParameter>
                      </camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="read" targetRef="e"/>
                    <bpmn:endEvent id="e"/>
                  </bpmn:process>
                </bpmn:definitions>""";
        String deployment = repositoryService.createDeployment().addString("metrics-bad-input.bpmn", xml).deploy().getId();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("metrics-bad-input"))
                    .hasMessageContaining("'after'").hasMessageContaining("ISO-8601").hasMessageContaining("one hour");
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }
}
