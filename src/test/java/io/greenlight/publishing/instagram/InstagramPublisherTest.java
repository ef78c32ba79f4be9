package io.greenlight.publishing.instagram;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.PublishProgress;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.Publisher;
import io.greenlight.publishing.meta.ContainerConnectorTestSupport;
import io.greenlight.publishing.meta.MediaContainerConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Instagram connector against a loopback stub that answers as Meta documents the Instagram API with Facebook Login
 * (graph.facebook.com, Graph API v24.0): {@code POST /{ig-user-id}/media} → {@code {"id"}} (a container),
 * {@code GET /{container-id}?fields=status_code,status} → {@code IN_PROGRESS | FINISHED | ERROR | EXPIRED | PUBLISHED},
 * {@code POST /{ig-user-id}/media_publish creation_id} → {@code {"id"}}, {@code GET /{ig-user-id}/content_publishing_limit}
 * → {@code {"data":[{"quota_usage","config":{"quota_total","quota_duration"}}]}}, {@code GET /{ig-user-id}/media} →
 * {@code {"data":[{"id","caption","timestamp","permalink"}]}}, {@code GET /{ig-media-id}/insights} →
 * {@code {"data":[{"name","period","values":[{"value"}]}]}}; errors {@code {"error":{"message","type","code",
 * "error_subcode","fbtrace_id"}}} (190: a refused token).
 */
class InstagramPublisherTest extends ContainerConnectorTestSupport {

    static final String TOKEN = "page-token";
    static final String IG = "17841405822304914";
    static final String V = "/" + InstagramPublisher.VERSION;
    static final String MEDIA = V + "/" + IG + "/media";
    static final String PUBLISH = V + "/" + IG + "/media_publish";
    static final String QUOTA = V + "/" + IG + "/content_publishing_limit";
    static final String CAPTION = "Our winter sale starts today! #winter #sale";
    static final String LINK = "https://example.com/sale";
    static final String SIGNED = "https://greenlight.example/media/signed/p/brand-ig/";

    InstagramPublisher instagram;

    InstagramPublisherTest() {
        super(new Graph(V, PUBLISH, TOKEN, "status_code", "status"));
    }

    @BeforeEach
    void start() {
        instagram = new InstagramPublisher(ConnectorFixtures.http(), 3, Duration.ofMillis(10));
        channel = ConnectorFixtures.channel("brand-ig", "INSTAGRAM", server.baseUrl(), IG);
        post = ConnectorFixtures.post("brand-ig", CAPTION, LINK);
        quota(QUOTA, 2, 50);
        permalink("17900000000000001", "https://www.instagram.com/p/DAbc123/");
    }

    private void containerStatus(String id, String code) {
        containerStatus(id, code, code.equals("FINISHED") ? "Finished: Media has been uploaded and it is ready to be published." : null);
    }

    private void publishes(String container) {
        publishes(container, "17900000000000001");
    }

    @Test
    void oneImageIsAContainerWithCaptionAndAltTextThenPublished() {
        server.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"18000000000000001\"}")));
        containerStatus("18000000000000001", "FINISHED");
        publishes("18000000000000001");
        PublishRequest request = request(ConnectorFixtures.jpeg("tent.jpg", "A red tent in the snow", SIGNED + "41.jpg?expires=1&signature=s"));

        PublishResult result = instagram.publish(request);

        assertThat(result.externalId()).isEqualTo("17900000000000001");
        assertThat(result.url()).isEqualTo("https://www.instagram.com/p/DAbc123/");
        Map<String, List<String>> container = form(server.findAll(postRequestedFor(urlEqualTo(MEDIA))).get(0));
        assertThat(container).containsEntry("image_url", List.of(SIGNED + "41.jpg?expires=1&signature=s"))
                .containsEntry("caption", List.of(CAPTION + "\n\n" + LINK))
                .containsEntry("alt_text", List.of("A red tent in the snow"))
                .containsEntry("access_token", List.of(TOKEN))
                .doesNotContainKey("media_type");
        assertThat(form(server.findAll(postRequestedFor(urlEqualTo(PUBLISH))).get(0)))
                .containsEntry("creation_id", List.of("18000000000000001")).containsEntry("access_token", List.of(TOKEN));
        server.verify(getRequestedFor(urlPathEqualTo(QUOTA)).withQueryParam("fields", equalTo("quota_usage,config"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(request.progress().saved()).as("the container id is on record").contains("18000000000000001");
        assertThat(instagram.idempotency()).isEqualTo(Publisher.Idempotency.LOOKUP);
    }

    @Test
    void aVideoIsAReelWaitedForWhileInProgressThenPublished() {
        server.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"18000000000000002\"}")));
        inProgressOnce("18000000000000002", "In Progress");
        publishes("18000000000000002");

        PublishResult result = instagram.publish(request(ConnectorFixtures.video("clip.mp4", SIGNED + "42.mp4?expires=1&signature=s")));

        assertThat(result.externalId()).isEqualTo("17900000000000001");
        assertThat(form(server.findAll(postRequestedFor(urlEqualTo(MEDIA))).get(0)))
                .containsEntry("media_type", List.of("REELS"))
                .containsEntry("video_url", List.of(SIGNED + "42.mp4?expires=1&signature=s"))
                .containsEntry("caption", List.of(CAPTION + "\n\n" + LINK));
        server.verify(2, getRequestedFor(urlPathEqualTo(V + "/18000000000000002")));
    }

    @Test
    void aCarouselIsOneContainerPerItemThenTheCarouselsContainer() {
        server.stubFor(post(MEDIA).withRequestBody(containing("a.jpg")).willReturn(okJson("{\"id\":\"18100000000000001\"}")));
        server.stubFor(post(MEDIA).withRequestBody(containing("b.mp4")).willReturn(okJson("{\"id\":\"18100000000000002\"}")));
        server.stubFor(post(MEDIA).withRequestBody(containing("c.jpg")).willReturn(okJson("{\"id\":\"18100000000000003\"}")));
        server.stubFor(post(MEDIA).withRequestBody(containing("media_type=CAROUSEL")).willReturn(okJson("{\"id\":\"18100000000000009\"}")));
        for (String id : List.of("18100000000000001", "18100000000000002", "18100000000000003", "18100000000000009")) {
            containerStatus(id, "FINISHED");
        }
        publishes("18100000000000009");

        instagram.publish(request(ConnectorFixtures.jpeg("a.jpg", "First", SIGNED + "a.jpg"),
                ConnectorFixtures.video("b.mp4", SIGNED + "b.mp4"), ConnectorFixtures.jpeg("c.jpg", null, SIGNED + "c.jpg")));

        List<LoggedRequest> created = server.findAll(postRequestedFor(urlEqualTo(MEDIA)));
        assertThat(created).hasSize(4);
        assertThat(form(created.get(0))).containsEntry("is_carousel_item", List.of("true"))
                .containsEntry("image_url", List.of(SIGNED + "a.jpg")).containsEntry("alt_text", List.of("First"))
                .doesNotContainKey("caption");
        assertThat(form(created.get(1))).containsEntry("is_carousel_item", List.of("true"))
                .containsEntry("media_type", List.of("VIDEO")).containsEntry("video_url", List.of(SIGNED + "b.mp4"));
        assertThat(form(created.get(3))).containsEntry("media_type", List.of("CAROUSEL"))
                .containsEntry("children", List.of("18100000000000001,18100000000000002,18100000000000003"))
                .containsEntry("caption", List.of(CAPTION + "\n\n" + LINK));
        server.verify(1, postRequestedFor(urlEqualTo(PUBLISH)).withRequestBody(containing("creation_id=18100000000000009")));
    }

    @Test
    void aContainerStillInProgressFailsRetryablyAndTheRetryPublishesTheSameContainer() {
        server.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"18000000000000003\"}")));
        containerStatus("18000000000000003", "IN_PROGRESS");
        publishes("18000000000000003");
        PublishRequest request = request(ConnectorFixtures.video("long.mp4", SIGNED + "43.mp4"));

        PublishException first = catchThrowableOfType(() -> instagram.publish(request), PublishException.class);

        assertThat(first.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(first.retryAfter()).isEqualTo(MediaContainerConnector.PROCESSING_RETRY);
        assertThat(first.getMessage()).contains("Instagram channel 'brand-ig'").contains("still processing")
                .contains("18000000000000003");
        server.verify(3, getRequestedFor(urlPathEqualTo(V + "/18000000000000003")));
        server.verify(0, postRequestedFor(urlEqualTo(PUBLISH)));

        // the next attempt of the job (same publication, same progress): processed by now
        containerStatus("18000000000000003", "FINISHED");
        PublishResult result = instagram.publish(request);

        assertThat(result.externalId()).isEqualTo("17900000000000001");
        server.verify(1, postRequestedFor(urlEqualTo(MEDIA)));
        server.verify(1, postRequestedFor(urlEqualTo(PUBLISH)));
    }

    @Test
    void aContainerInErrorIsRefusedWithInstagramsReasonAndForgotten() {
        server.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"18000000000000004\"}")));
        server.stubFor(get(urlPathEqualTo(V + "/18000000000000004")).willReturn(okJson(status("18000000000000004", "ERROR",
                "Error: 2207026 The video format is not supported. Please check the spec for supported formats"))));
        PublishRequest request = request(ConnectorFixtures.video("clip.avi.mp4", SIGNED + "44.mp4"));

        PublishException e = catchThrowableOfType(() -> instagram.publish(request), PublishException.class);

        assertThat(e.kind()).as("a file Instagram cannot process: an incident, not retries").isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("could not process the media").contains("2207026").contains("video format is not supported");
        assertThat(request.progress().saved()).as("a retry after a fix makes new containers").isNull();
        server.verify(0, postRequestedFor(urlEqualTo(PUBLISH)));
    }

    @Test
    void anExpiredContainerIsReplacedByANewOne() {
        containerStatus("18000000000000005", "EXPIRED");
        server.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"18000000000000006\"}")));
        containerStatus("18000000000000006", "FINISHED");
        publishes("18000000000000006");
        // an earlier attempt, a day ago, made a container that was never published
        AtomicReference<String> stored = new AtomicReference<>("{\"children\":[],\"container\":\"18000000000000005\"}");
        PublishRequest request = request(ConnectorFixtures.jpeg("tent.jpg", null, SIGNED + "45.jpg"))
                .withProgress(PublishProgress.of(stored.get(), stored::set));

        PublishResult result = instagram.publish(request);

        assertThat(result.externalId()).isEqualTo("17900000000000001");
        server.verify(1, postRequestedFor(urlEqualTo(MEDIA)));
        server.verify(1, postRequestedFor(urlEqualTo(PUBLISH)).withRequestBody(containing("creation_id=18000000000000006")));
        assertThat(stored.get()).contains("18000000000000006").doesNotContain("18000000000000005");
    }

    @Test
    void aRetryAfterATimeoutLooksThePostUpInsteadOfPublishingItAgain() {
        server.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"18000000000000007\"}")));
        // Instagram publishes, but its answer comes after Greenlight's read timeout
        publishAnswersTooLate("18000000000000007", "17900000000000001");
        server.stubFor(get(urlPathEqualTo(MEDIA)).withQueryParam("fields", equalTo("id,caption,timestamp,permalink"))
                .willReturn(okJson("{\"data\":[{\"id\":\"17900000000000001\",\"caption\":\"" + (CAPTION + "\\n\\n" + LINK)
                        + "\",\"timestamp\":\"2026-11-22T09:00:04+0000\",\"permalink\":\"https://www.instagram.com/p/DAbc123/\"},"
                        + "{\"id\":\"17900000000000000\",\"caption\":\"An older post\",\"timestamp\":\"2026-11-01T10:00:00+0000\","
                        + "\"permalink\":\"https://www.instagram.com/p/DOld/\"}],"
                        + "\"paging\":{\"cursors\":{\"before\":\"QVFI\",\"after\":\"QVFJ\"}}}")));
        PublishRequest request = request(ConnectorFixtures.jpeg("tent.jpg", null, SIGNED + "47.jpg"));

        PublishException timeout = catchThrowableOfType(() -> instagram.publish(request), PublishException.class);
        assertThat(timeout.kind()).isEqualTo(PublishException.Kind.UNKNOWN);

        PublishResult result = instagram.publish(request.retried());

        assertThat(result.externalId()).isEqualTo("17900000000000001");
        assertThat(result.url()).isEqualTo("https://www.instagram.com/p/DAbc123/");
        server.verify(1, postRequestedFor(urlEqualTo(MEDIA)));
        server.verify(1, postRequestedFor(urlEqualTo(PUBLISH)));
        server.verify(getRequestedFor(urlPathEqualTo(MEDIA)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aRefusedTokenIsRefusedForGoodThoughInstagramAnswers400() {
        server.stubFor(post(MEDIA).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: The session has been invalidated because the user changed their password.", 190, 460))));

        PublishException e = catchThrowableOfType(() -> instagram.publish(request(ConnectorFixtures.jpeg("a.jpg", null, SIGNED + "a.jpg"))),
                PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("Instagram channel 'brand-ig'").contains("refused the credentials")
                .contains("code 190").contains("session has been invalidated");
        server.verify(0, postRequestedFor(urlEqualTo(PUBLISH)));
    }

    @Test
    void aRateLimitIsRetriedAndAUsedUpQuotaWaitsWithoutSpendingARetry() {
        server.stubFor(post(MEDIA).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(graphError("Application request limit reached", 4, 2207051))));
        PublishException limited = catchThrowableOfType(() -> instagram.publish(request(ConnectorFixtures.jpeg("a.jpg", null, SIGNED + "a.jpg"))),
                PublishException.class);
        assertThat(limited.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(limited.waitsForSlot()).isFalse();

        server.resetAll();
        server.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"18000000000000008\"}")));
        containerStatus("18000000000000008", "FINISHED");
        quota(QUOTA, 50, 50);
        PublishException full = catchThrowableOfType(() -> instagram.publish(request(ConnectorFixtures.jpeg("a.jpg", null, SIGNED + "a.jpg"))),
                PublishException.class);

        assertThat(full.waitsForSlot()).isTrue();
        assertThat(full.retryAfter()).isEqualTo(MediaContainerConnector.QUOTA_RETRY);
        assertThat(full.getMessage()).contains("50 of 50");
        server.verify(0, postRequestedFor(urlEqualTo(PUBLISH)));
    }

    @Test
    void whatInstagramCannotTakeIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> instagram.publish(request())).isInstanceOf(PublishException.class)
                .hasMessageContaining("need an image or a video");
        assertThatThrownBy(() -> instagram.publish(request(new MediaAttachment("a.jpg", "image/jpeg", new byte[]{1}, null))))
                .hasMessageContaining("greenlight.base-url");
        assertThatThrownBy(() -> instagram.publish(request(ConnectorFixtures.image("a.png", null))))
                .hasMessageContaining("greenlight.base-url");
        assertThatThrownBy(() -> instagram.publish(request(new MediaAttachment("a.png", "image/png", new byte[]{1}, null, SIGNED + "a.png"))))
                .hasMessageContaining("JPEG images only").hasMessageContaining("a.png");
        MediaAttachment[] eleven = new MediaAttachment[11];
        for (int i = 0; i < eleven.length; i++) {
            eleven[i] = ConnectorFixtures.jpeg(i + ".jpg", null, SIGNED + i + ".jpg");
        }
        assertThatThrownBy(() -> instagram.publish(request(eleven))).hasMessageContaining("at most 10");
        assertThatThrownBy(() -> instagram.publish(ConnectorFixtures.request(channel, null, post, false,
                ConnectorFixtures.jpeg("a.jpg", null, SIGNED + "a.jpg")))).hasMessageContaining("not connected");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void readsLikesCommentsAndSharesFromTheMediasInsights() {
        server.stubFor(get(urlPathEqualTo(V + "/17900000000000001/insights")).withQueryParam("metric", equalTo("likes,comments,shares"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("""
                        {"data":[
                          {"name":"likes","period":"lifetime","values":[{"value":120}],"title":"Likes","id":"17900000000000001/insights/likes/lifetime"},
                          {"name":"comments","period":"lifetime","values":[{"value":7}],"title":"Comments","id":"17900000000000001/insights/comments/lifetime"},
                          {"name":"shares","period":"lifetime","values":[{"value":3}],"title":"Shares","id":"17900000000000001/insights/shares/lifetime"}]}""")));

        assertThat(instagram.metrics(channel, TOKEN, "17900000000000001")).contains(new EngagementCounts(120, 3, 7));

        // no insights yet (an empty data set): the reading is skipped, not failed
        server.stubFor(get(urlPathEqualTo(V + "/17900000000000002/insights")).willReturn(okJson("{\"data\":[]}")));
        assertThat(instagram.metrics(channel, TOKEN, "17900000000000002")).isEmpty();
    }

    @Test
    void postsCannotBeDeletedThroughTheApi() {
        assertThat(instagram.canDelete()).isFalse();
        assertThatThrownBy(() -> instagram.delete(channel, TOKEN, "17900000000000001"))
                .hasMessageContaining("cannot be deleted through the API");
    }
}
