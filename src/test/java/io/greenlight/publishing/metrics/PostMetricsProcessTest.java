package io.greenlight.publishing.metrics;

import io.greenlight.publishing.PublishingTestSupport;
import io.greenlight.publishing.NetworkStub;
import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After publishing, one {@code post-metrics} instance per variant reads the counts at +1 h, +24 h and +7 d from the
 * (stubbed) networks; the approval instance has ended and the post stays PUBLISHED; the post page shows the
 * readings; the local feed, which has no metrics, is skipped without failing.
 */
class PostMetricsProcessTest extends PublishingTestSupport {

    @RegisterExtension
    static final NetworkStub stub = new NetworkStub();
    static final String DID = "did:plc:brand123";

    @Autowired VariantMetricRepository readings;

    @BeforeAll
    static void stubTheNetworks() {
        stub.stubFor(get("/api/v2/instance").willReturn(okJson(
                "{\"configuration\":{\"statuses\":{\"max_characters\":500,\"max_media_attachments\":4,\"characters_reserved_per_url\":23}}}")));
        stub.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"555\",\"url\":\"https://social.example/@b/555\"}")));
        stub.stubFor(post("/xrpc/com.atproto.server.createSession").willReturn(okJson(
                "{\"accessJwt\":\"jwt\",\"refreshJwt\":\"r\",\"handle\":\"brand.bsky.social\",\"did\":\"" + DID + "\"}")));
        stub.stubFor(post("/xrpc/com.atproto.repo.createRecord").willReturn(okJson(
                "{\"uri\":\"at://" + DID + "/app.bsky.feed.post/3metrics\",\"cid\":\"c\"}")));
    }

    private void counts(int favourites, int likes) {
        stub.stubFor(get("/api/v1/statuses/555").willReturn(okJson(
                "{\"id\":\"555\",\"favourites_count\":" + favourites + ",\"reblogs_count\":2,\"replies_count\":1}")));
        stub.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.feed.getPosts"))
                .withQueryParam("uris", equalTo("at://" + DID + "/app.bsky.feed.post/3metrics"))
                .willReturn(okJson("{\"posts\":[{\"uri\":\"at://x\",\"likeCount\":" + likes + ",\"repostCount\":4,\"replyCount\":3}]}")));
    }

    private void runMetricJobs(List<String> instances) {
        for (String instance : instances) {
            assertThat(runDueJobs(instance)).isEmpty();
        }
    }

    @Test
    void metricsAreReadAfterOneHourOneDayAndSevenDaysAndShownOnThePostPage() {
        Channel masto = channel("MASTODON", stub.baseUrl(), null, "token");
        Channel bsky = channel("BLUESKY", stub.baseUrl(), "brand.bsky.social", "app-password");
        Post post = newPost(null, new VariantContent("local", "Metrics local", null),
                new VariantContent(masto.getKey(), "Metrics masto", null),
                new VariantContent(bsky.getKey(), "Metrics bsky", null));
        String instance = submitAndApprove(post);
        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();

        List<String> metrics = metricsInstances(post);
        assertThat(metrics).hasSize(3);
        runMetricJobs(metrics);
        assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(post.getId())).as("nothing before the hour").isEmpty();

        counts(10, 20);
        clockAt(plus(Duration.ofMinutes(61)));
        runMetricJobs(metrics);
        assertThat(readings.findByPostIdAndChannelAndReading(post.getId(), masto.getKey(), "1h").orElseThrow().getLikes()).isEqualTo(10);
        assertThat(readings.findByPostIdAndChannelAndReading(post.getId(), bsky.getKey(), "1h").orElseThrow().getLikes()).isEqualTo(20);
        assertThat(readings.findByPostIdAndChannelAndReading(post.getId(), "local", "1h")).as("local has no metrics").isEmpty();

        counts(30, 40);
        clockAt(plus(Duration.ofHours(23)));
        runMetricJobs(metrics);
        counts(50, 60);
        clockAt(plus(Duration.ofDays(6)));
        runMetricJobs(metrics);

        VariantMetric week = readings.findByPostIdAndChannelAndReading(post.getId(), bsky.getKey(), "7d").orElseThrow();
        assertThat(week.getLikes()).isEqualTo(60);
        assertThat(week.getReposts()).isEqualTo(4);
        assertThat(week.getReplies()).isEqualTo(3);
        assertThat(readings.findByPostIdAndChannelAndReading(post.getId(), masto.getKey(), "24h").orElseThrow().getLikes()).isEqualTo(30);
        assertThat(readings.findByPostIdOrderByChannelAscReadAtAsc(post.getId())).hasSize(6);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostMetrics.PROCESS)
                .processInstanceBusinessKey(post.getId()).count()).as("all three metrics instances ended").isZero();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);

        Reply page = call("creator", "GET", "/posts/" + post.getId(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Metrics").contains("7d").contains(">60<");
        Reply api = call("creator", "GET", "/api/posts/" + post.getId() + "/metrics", null);
        assertThat(api.json()).hasSize(6);
    }
}
