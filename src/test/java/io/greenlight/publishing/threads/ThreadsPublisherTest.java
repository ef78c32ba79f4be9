package io.greenlight.publishing.threads;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.greenlight.channel.Channel;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.meta.ContainerConnectorTestSupport;
import io.greenlight.publishing.meta.MediaContainerConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Threads connector against a loopback stub that answers as Meta documents the Threads API (graph.threads.net,
 * v1.0): {@code POST /{threads-user-id}/threads} ({@code media_type=TEXT|IMAGE|VIDEO|CAROUSEL}) → {@code {"id"}},
 * {@code GET /{container-id}?fields=status,error_message}, {@code POST /{threads-user-id}/threads_publish creation_id}
 * → {@code {"id"}}, {@code GET /{threads-user-id}/threads_publishing_limit}, {@code GET /{threads-user-id}/threads},
 * {@code GET /{threads-media-id}/insights}, {@code DELETE /{threads-media-id}} → {@code {"success": true, "deleted_id"}}.
 */
class ThreadsPublisherTest extends ContainerConnectorTestSupport {

    static final String TOKEN = "threads-long-lived";
    static final String USER = "26000000000000001";
    static final String V = "/" + ThreadsPublisher.VERSION;
    static final String THREADS = V + "/" + USER + "/threads";
    static final String PUBLISH = V + "/" + USER + "/threads_publish";
    static final String SIGNED = "https://greenlight.example/media/signed/p/brand-threads/";

    ThreadsPublisher threads;

    ThreadsPublisherTest() {
        super(new Graph(V, PUBLISH, TOKEN, "status", "error_message"));
    }

    @BeforeEach
    void start() {
        threads = new ThreadsPublisher(ConnectorFixtures.http(), 3, Duration.ofMillis(10));
        channel = ConnectorFixtures.channel("brand-threads", "THREADS", server.baseUrl(), USER);
        post = ConnectorFixtures.post("brand-threads", "Winter sale 🧣 starts today", "https://example.com/sale");
        quota(V + "/" + USER + "/threads_publishing_limit", 4, 250);
        permalink("18050000000000001", "https://www.threads.net/@brand/post/DAbc");
    }

    private void publishes(String container) {
        publishes(container, "18050000000000001");
    }

    @Test
    void aTextPostIsCreatedThenPublishedWithItsLinkInTheText() {
        server.stubFor(post(THREADS).willReturn(okJson("{\"id\":\"17990000000000001\"}")));
        containerStatus("17990000000000001", "FINISHED", null);
        publishes("17990000000000001");

        PublishResult result = threads.publish(request());

        assertThat(result.externalId()).isEqualTo("18050000000000001");
        assertThat(result.url()).isEqualTo("https://www.threads.net/@brand/post/DAbc");
        assertThat(form(server.findAll(postRequestedFor(urlEqualTo(THREADS))).get(0)))
                .containsEntry("media_type", List.of("TEXT"))
                .containsEntry("text", List.of("Winter sale 🧣 starts today\n\nhttps://example.com/sale"))
                .containsEntry("access_token", List.of(TOKEN));
        assertThat(form(server.findAll(postRequestedFor(urlEqualTo(PUBLISH))).get(0)))
                .containsEntry("creation_id", List.of("17990000000000001"));
    }

    @Test
    void anImagePostFetchesTheSignedLinkAndCarriesItsAltText() {
        server.stubFor(post(THREADS).willReturn(okJson("{\"id\":\"17990000000000002\"}")));
        containerStatus("17990000000000002", "FINISHED", null);
        publishes("17990000000000002");

        threads.publish(request(new MediaAttachment("scarf.png", "image/png", new byte[]{1}, "A striped scarf", SIGNED + "7.png")));

        assertThat(form(server.findAll(postRequestedFor(urlEqualTo(THREADS))).get(0)))
                .containsEntry("media_type", List.of("IMAGE")).containsEntry("image_url", List.of(SIGNED + "7.png"))
                .containsEntry("alt_text", List.of("A striped scarf")).containsKey("text");
    }

    @Test
    void aCarouselIsItsItemsThenTheCarouselWhenEveryItemIsFinished() {
        server.stubFor(post(THREADS).withRequestBody(containing("a.jpg")).willReturn(okJson("{\"id\":\"17991000000000001\"}")));
        server.stubFor(post(THREADS).withRequestBody(containing("b.mp4")).willReturn(okJson("{\"id\":\"17991000000000002\"}")));
        server.stubFor(post(THREADS).withRequestBody(containing("media_type=CAROUSEL")).willReturn(okJson("{\"id\":\"17991000000000009\"}")));
        containerStatus("17991000000000001", "FINISHED", null);
        inProgressOnce("17991000000000002", null);
        containerStatus("17991000000000009", "FINISHED", null);
        publishes("17991000000000009");

        threads.publish(request(ConnectorFixtures.jpeg("a.jpg", null, SIGNED + "a.jpg"), ConnectorFixtures.video("b.mp4", SIGNED + "b.mp4")));

        List<LoggedRequest> created = server.findAll(postRequestedFor(urlEqualTo(THREADS)));
        assertThat(created).hasSize(3);
        assertThat(form(created.get(0))).containsEntry("is_carousel_item", List.of("true")).containsEntry("media_type", List.of("IMAGE"));
        assertThat(form(created.get(1))).containsEntry("is_carousel_item", List.of("true")).containsEntry("media_type", List.of("VIDEO"))
                .containsEntry("video_url", List.of(SIGNED + "b.mp4"));
        assertThat(form(created.get(2))).containsEntry("media_type", List.of("CAROUSEL"))
                .containsEntry("children", List.of("17991000000000001,17991000000000002"))
                .containsEntry("text", List.of("Winter sale 🧣 starts today\n\nhttps://example.com/sale"));
    }

    @Test
    void aVideoStillInProgressIsTakenUpByTheNextAttempt() {
        server.stubFor(post(THREADS).willReturn(okJson("{\"id\":\"17990000000000003\"}")));
        containerStatus("17990000000000003", "IN_PROGRESS", null);
        publishes("17990000000000003");
        PublishRequest request = request(ConnectorFixtures.video("clip.mp4", SIGNED + "3.mp4"));

        PublishException first = catchThrowableOfType(() -> threads.publish(request), PublishException.class);
        assertThat(first.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(first.retryAfter()).isEqualTo(MediaContainerConnector.PROCESSING_RETRY);

        containerStatus("17990000000000003", "FINISHED", null);
        assertThat(threads.publish(request).externalId()).isEqualTo("18050000000000001");
        server.verify(1, postRequestedFor(urlEqualTo(THREADS)));
        server.verify(1, postRequestedFor(urlEqualTo(PUBLISH)));
    }

    @Test
    void aContainerInErrorIsRefusedWithThreadsErrorMessage() {
        server.stubFor(post(THREADS).willReturn(okJson("{\"id\":\"17990000000000004\"}")));
        containerStatus("17990000000000004", "ERROR", "FAILED_DOWNLOADING_VIDEO");

        PublishException e = catchThrowableOfType(() -> threads.publish(request(ConnectorFixtures.video("clip.mp4", SIGNED + "4.mp4"))),
                PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("Threads channel 'brand-threads'").contains("FAILED_DOWNLOADING_VIDEO");
    }

    @Test
    void aRetryAfterATimeoutFindsThePostInsteadOfPublishingItAgain() {
        server.stubFor(post(THREADS).willReturn(okJson("{\"id\":\"17990000000000005\"}")));
        publishAnswersTooLate("17990000000000005", "18050000000000001");
        server.stubFor(get(urlPathEqualTo(THREADS)).withQueryParam("fields", equalTo("id,text,timestamp,permalink"))
                .willReturn(okJson("{\"data\":[{\"id\":\"18050000000000001\",\"text\":\"Winter sale 🧣 starts today\\n\\nhttps://example.com/sale\","
                        + "\"timestamp\":\"2026-11-22T09:00:03+0000\",\"permalink\":\"https://www.threads.net/@brand/post/DAbc\"}]}")));
        PublishRequest request = request();

        assertThat(catchThrowableOfType(() -> threads.publish(request), PublishException.class).kind())
                .isEqualTo(PublishException.Kind.UNKNOWN);
        PublishResult result = threads.publish(request.retried());

        assertThat(result.externalId()).isEqualTo("18050000000000001");
        server.verify(1, postRequestedFor(urlEqualTo(PUBLISH)));
        server.verify(1, postRequestedFor(urlEqualTo(THREADS)));
    }

    @Test
    void anExpiredTokenIsRefusedForGood() {
        server.stubFor(post(THREADS).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: Session has expired on Sunday, 22-Nov-26.", 190, 463))));

        PublishException e = catchThrowableOfType(() -> threads.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("refused the credentials").contains("code 190");
    }

    @Test
    void whatThreadsCannotTakeIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> threads.publish(request(new MediaAttachment("a.gif", "image/gif", new byte[]{1}, null, SIGNED + "a.gif"))))
                .hasMessageContaining("JPEG and PNG");
        assertThatThrownBy(() -> threads.publish(request(ConnectorFixtures.image("a.png", null))))
                .hasMessageContaining("greenlight.base-url");
        Channel unconnected = ConnectorFixtures.channel("brand-threads", "THREADS", server.baseUrl(), null);
        assertThatThrownBy(() -> threads.publish(ConnectorFixtures.request(unconnected, TOKEN, post, false)))
                .hasMessageContaining("connect the account");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void readsLikesRepostsAndRepliesFromInsights() {
        server.stubFor(get(urlPathEqualTo(V + "/18050000000000001/insights")).withQueryParam("metric", equalTo("likes,replies,reposts"))
                .willReturn(okJson("""
                        {"data":[
                          {"name":"likes","period":"lifetime","values":[{"value":40}],"title":"likes","id":"18050000000000001/insights/likes/lifetime"},
                          {"name":"replies","period":"lifetime","values":[{"value":5}],"title":"replies","id":"18050000000000001/insights/replies/lifetime"},
                          {"name":"reposts","period":"lifetime","values":[{"value":2}],"title":"reposts","id":"18050000000000001/insights/reposts/lifetime"}]}""")));

        assertThat(threads.metrics(channel, TOKEN, "18050000000000001")).contains(new EngagementCounts(40, 2, 5));
    }

    @Test
    void deletesAPostAndOneAlreadyGoneCountsAsDeleted() {
        server.stubFor(delete(V + "/18050000000000001").willReturn(okJson("{\"success\":true,\"deleted_id\":\"18050000000000001\"}")));
        server.stubFor(delete(V + "/18050000000000002").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Unsupported delete request\",\"type\":\"GraphMethodException\",\"code\":100}}")));

        assertThat(threads.canDelete()).isTrue();
        threads.delete(channel, TOKEN, "18050000000000001");
        assertThatCode(() -> threads.delete(channel, TOKEN, "18050000000000002")).doesNotThrowAnyException();
        server.verify(deleteRequestedFor(urlEqualTo(V + "/18050000000000001")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        server.verify(0, getRequestedFor(urlPathEqualTo(THREADS)));
    }
}
