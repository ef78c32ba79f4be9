package io.greenlight.publishing.mastodon;

import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishLedger;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.publishing.ConnectorTestSupport;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Mastodon connector against a loopback stub of the documented API: {@code POST /api/v1/statuses} (bearer token,
 * {@code Idempotency-Key}; 200 with a Status), {@code GET /api/v2/instance}, {@code GET /api/v1/statuses/:id};
 * errors {@code {"error": "..."}} with 401, 422, 429 + Retry-After, 5xx.
 */
class MastodonPublisherTest extends ConnectorTestSupport {

    static final String TOKEN = "mastodon-token-123";
    static final String STATUS = """
            {"id":"109372843234","created_at":"2026-11-22T09:00:00.000Z","visibility":"public",
             "uri":"https://social.example/users/brand/statuses/109372843234",
             "url":"https://social.example/@brand/109372843234","content":"<p>Winter sale</p>",
             "favourites_count":0,"reblogs_count":0,"replies_count":0}""";

    MastodonPublisher mastodon;

    @BeforeEach
    void start() {
        mastodon = new MastodonPublisher(ConnectorFixtures.http());
        channel = ConnectorFixtures.channel("brand-masto", "MASTODON", server.baseUrl(), null);
        post = ConnectorFixtures.post("brand-masto", "Our winter sale starts today!", "https://example.com/sale");
    }

    private PublishRequest request() {
        return request(TOKEN);
    }

    @Test
    void postsTheStatusWithTokenAndIdempotencyKey() {
        server.stubFor(post("/api/v1/statuses").willReturn(okJson(STATUS)));

        PublishResult result = mastodon.publish(request());

        assertThat(result.externalId()).isEqualTo("109372843234");
        assertThat(result.url()).isEqualTo("https://social.example/@brand/109372843234");
        server.verify(1, postRequestedFor(urlEqualTo("/api/v1/statuses"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Idempotency-Key", equalTo(request().idempotencyKey()))
                .withRequestBody(equalToJson("""
                        {"status":"Our winter sale starts today!\\n\\nhttps://example.com/sale","visibility":"public"}""")));
    }

    @Test
    void theKeyIsTheSameOnEveryAttemptForTheSameContentVersion() {
        assertThat(request().idempotencyKey()).isEqualTo(ConnectorFixtures.request(channel, TOKEN, post, true).idempotencyKey());
        assertThat(PublishLedger.idempotencyKey(post.getId(), "brand-masto", 2)).isNotEqualTo(request().idempotencyKey());
    }

    @Test
    void rateLimitedAnswersRetryNotBeforeRetryAfter() {
        server.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Too many requests\"}")));

        PublishException e = catchThrowableOfType(() -> mastodon.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(e.getMessage()).contains("brand-masto").contains("Too many requests");
    }

    @Test
    void aServerErrorIsRetriedAndTheRetrySucceedsWithTheSameKey() {
        server.stubFor(post("/api/v1/statuses").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"Service unavailable\"}"))
                .willSetStateTo("up"));
        server.stubFor(post("/api/v1/statuses").inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson(STATUS)));

        PublishException first = catchThrowableOfType(() -> mastodon.publish(request()), PublishException.class);
        assertThat(first.kind()).isEqualTo(PublishException.Kind.RETRY);
        PublishResult second = mastodon.publish(request());

        assertThat(second.externalId()).isEqualTo("109372843234");
        server.verify(2, postRequestedFor(urlEqualTo("/api/v1/statuses"))
                .withHeader("Idempotency-Key", equalTo(request().idempotencyKey())));
    }

    @Test
    void aTimeoutAfterSendingIsAnUnknownOutcome() {
        server.stubFor(post("/api/v1/statuses").willReturn(okJson(STATUS).withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)));

        PublishException e = catchThrowableOfType(() -> mastodon.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.UNKNOWN);
        assertThat(e.getMessage()).contains("brand-masto").contains("may be out");
        server.verify(1, postRequestedFor(urlEqualTo("/api/v1/statuses")));
    }

    @Test
    void aConnectionDroppedAfterSendingIsAnUnknownOutcome() {
        server.stubFor(post("/api/v1/statuses").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        PublishException e = catchThrowableOfType(() -> mastodon.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.UNKNOWN);
    }

    @Test
    void anExpiredTokenIsRejectedForGoodNamingTheChannelAndTheNetworksError() {
        server.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"The access token is invalid\"}")));

        PublishException e = catchThrowableOfType(() -> mastodon.publish(request()), PublishException.class);

        assertThat(e.kind()).as(e.getMessage()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("Mastodon channel 'brand-masto'").contains("401").contains("The access token is invalid");
    }

    @Test
    void aValidationErrorIsRejectedForGood() {
        server.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}")));

        PublishException e = catchThrowableOfType(() -> mastodon.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("422").contains("Text character limit of 500 exceeded");
    }

    @Test
    void withoutATokenNothingIsSent() {
        assertThatThrownBy(() -> mastodon.publish(ConnectorFixtures.request(channel, null, post, false)))
                .isInstanceOf(PublishException.class).hasMessageContaining("no access token");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void readsTheServersLimits() {
        server.stubFor(get("/api/v2/instance").willReturn(okJson("""
                {"domain":"social.example","title":"Social","version":"4.3.0",
                 "configuration":{"urls":{},"accounts":{"max_featured_tags":10},
                   "statuses":{"max_characters":1000,"max_media_attachments":4,"characters_reserved_per_url":23},
                   "media_attachments":{"image_size_limit":16777216}}}""")));

        MastodonPublisher.InstanceLimits limits = mastodon.instanceLimits(server.baseUrl());

        assertThat(limits.maxCharacters()).isEqualTo(1000);
        assertThat(limits.charactersReservedPerUrl()).isEqualTo(23);
        assertThat(limits.maxMediaAttachments()).isEqualTo(4);
    }

    @Test
    void readsTheCountsOfAStatus() {
        server.stubFor(get("/api/v1/statuses/109372843234").willReturn(okJson(STATUS
                .replace("\"favourites_count\":0", "\"favourites_count\":12")
                .replace("\"reblogs_count\":0", "\"reblogs_count\":3")
                .replace("\"replies_count\":0", "\"replies_count\":2"))));

        EngagementCounts counts = mastodon.metrics(channel, TOKEN, "109372843234").orElseThrow();

        assertThat(counts).isEqualTo(new EngagementCounts(12, 3, 2));
        server.verify(getRequestedFor(urlEqualTo("/api/v1/statuses/109372843234"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void uploadsMediaFirstWithItsDescriptionThenAttachesTheIds() {
        server.stubFor(post("/api/v2/media").willReturn(okJson("""
                {"id":"22348641","type":"image","url":"https://files.social.example/a.png","description":"A snowy shop window"}""")));
        server.stubFor(post("/api/v1/statuses").willReturn(okJson(STATUS)));

        mastodon.publish(ConnectorFixtures.request(channel, TOKEN, post, false, ConnectorFixtures.image("a.png", "A snowy shop window")));

        server.verify(1, postRequestedFor(urlEqualTo("/api/v2/media"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withAnyRequestBodyPart(com.github.tomakehurst.wiremock.client.WireMock.aMultipart("file")
                        .withBody(com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo("PNG-a.png".getBytes())))
                .withAnyRequestBodyPart(com.github.tomakehurst.wiremock.client.WireMock.aMultipart("description")
                        .withBody(equalTo("A snowy shop window"))));
        server.verify(1, postRequestedFor(urlEqualTo("/api/v1/statuses"))
                .withRequestBody(equalToJson("{\"media_ids\":[\"22348641\"]}", false, true)));
    }

    @Test
    void mediaStillProcessingIsAwaitedBeforeThePost() {
        server.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"22348642\",\"type\":\"video\",\"url\":null}")));
        server.stubFor(get("/api/v1/media/22348642").willReturn(okJson("{\"id\":\"22348642\",\"type\":\"video\",\"url\":\"https://f/v.mp4\"}")));
        server.stubFor(post("/api/v1/statuses").willReturn(okJson(STATUS)));

        mastodon.publish(ConnectorFixtures.request(channel, TOKEN, post, false,
                new MediaAttachment("v.mp4", "video/mp4", new byte[]{1, 2, 3}, null)));

        server.verify(1, getRequestedFor(urlEqualTo("/api/v1/media/22348642")));
        server.verify(1, postRequestedFor(urlEqualTo("/api/v1/statuses"))
                .withRequestBody(equalToJson("{\"media_ids\":[\"22348642\"]}", false, true)));
    }

    @Test
    void aFailedMediaUploadIsRetriedAndNothingIsPosted() {
        server.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));

        PublishException e = catchThrowableOfType(() -> mastodon.publish(ConnectorFixtures.request(channel, TOKEN, post, false,
                ConnectorFixtures.image("a.png", null))), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRY);
        server.verify(0, postRequestedFor(urlEqualTo("/api/v1/statuses")));
    }
}
