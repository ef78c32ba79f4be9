package io.greenlight.publishing.bluesky;

import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.publishing.ConnectorTestSupport;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.greenlight.post.Post;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Bluesky connector against a loopback stub of the AT Protocol XRPC endpoints it uses:
 * {@code com.atproto.server.createSession}, {@code com.atproto.repo.createRecord}, {@code com.atproto.repo.getRecord},
 * {@code com.atproto.identity.resolveHandle}, {@code app.bsky.feed.getPosts}; errors {@code {"error","message"}}.
 */
class BlueskyPublisherTest extends ConnectorTestSupport {

    static final String DID = "did:plc:brand123";
    static final String SESSION = """
            {"accessJwt":"access-jwt-1","refreshJwt":"refresh-jwt-1","handle":"brand.bsky.social","did":"did:plc:brand123"}""";
    static final String CREATE = "/xrpc/com.atproto.repo.createRecord";
    static final String GET_RECORD = "/xrpc/com.atproto.repo.getRecord";

    BlueskyPublisher bluesky;

    @BeforeEach
    void start() {
        server.stubFor(post("/xrpc/com.atproto.server.createSession")
                .withRequestBody(equalToJson("{\"identifier\":\"brand.bsky.social\",\"password\":\"app-pass-word\"}"))
                .willReturn(okJson(SESSION)));
        bluesky = new BlueskyPublisher(ConnectorFixtures.http());
        channel = ConnectorFixtures.channel("brand-bsky", "BLUESKY", server.baseUrl(), "brand.bsky.social");
        post = ConnectorFixtures.post("brand-bsky", "Sale 🎉 at https://example.com/sale with @friend.bsky.social #winter", null);
    }

    private PublishRequest request(boolean unresolved) {
        return ConnectorFixtures.request(channel, "app-pass-word", post, unresolved);
    }

    private String uri(String rkey) {
        return "at://" + DID + "/app.bsky.feed.post/" + rkey;
    }

    @Test
    void createsThePostWithItsRecordKeyAndFacetsAtByteOffsets() {
        server.stubFor(get(urlPathEqualTo("/xrpc/com.atproto.identity.resolveHandle"))
                .withQueryParam("handle", equalTo("friend.bsky.social"))
                .willReturn(okJson("{\"did\":\"did:plc:friend456\"}")));
        String rkey = request(false).recordKey();
        server.stubFor(post(CREATE).willReturn(okJson("{\"uri\":\"" + uri(rkey) + "\",\"cid\":\"bafyreid\"}")));

        PublishResult result = bluesky.publish(request(false));

        assertThat(result.externalId()).isEqualTo(uri(rkey));
        assertThat(result.url()).isEqualTo("https://bsky.app/profile/brand.bsky.social/post/" + rkey);
        // "Sale 🎉 at " is 13 UTF-8 bytes (the emoji is 4), the link 24 bytes, " with " 6
        server.verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withHeader("Authorization", equalTo("Bearer access-jwt-1"))
                .withRequestBody(matchingJsonPath("$.repo", equalTo(DID)))
                .withRequestBody(matchingJsonPath("$.collection", equalTo("app.bsky.feed.post")))
                .withRequestBody(matchingJsonPath("$.rkey", equalTo(rkey)))
                .withRequestBody(matchingJsonPath("$.record['$type']", equalTo("app.bsky.feed.post")))
                .withRequestBody(matchingJsonPath("$.record.text", equalTo(post.variant("brand-bsky").orElseThrow().getText())))
                .withRequestBody(matchingJsonPath("$.record.facets[0].index.byteStart", equalTo("13")))
                .withRequestBody(matchingJsonPath("$.record.facets[0].index.byteEnd", equalTo("37")))
                .withRequestBody(matchingJsonPath("$.record.facets[0].features[0].uri", equalTo("https://example.com/sale")))
                .withRequestBody(matchingJsonPath("$.record.facets[1].index.byteStart", equalTo("43")))
                .withRequestBody(matchingJsonPath("$.record.facets[1].features[0].did", equalTo("did:plc:friend456")))
                .withRequestBody(matchingJsonPath("$.record.facets[2].features[0].tag", equalTo("winter"))));
        server.verify(0, getRequestedFor(urlPathEqualTo(GET_RECORD)));
    }

    @Test
    void theRecordKeyIsAValidTidAndTheSameOnEveryAttempt() {
        String rkey = request(false).recordKey();
        assertThat(rkey).hasSize(13).matches("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
        assertThat(request(true).recordKey()).isEqualTo(rkey);
    }

    @Test
    void aRetryAfterAnUnresolvedAttemptFindsTheEarlierPostAndDoesNotPostAgain() {
        String rkey = request(true).recordKey();
        server.stubFor(get(urlPathEqualTo(GET_RECORD)).withQueryParam("rkey", equalTo(rkey))
                .withQueryParam("repo", equalTo(DID)).withQueryParam("collection", equalTo("app.bsky.feed.post"))
                .willReturn(okJson("{\"uri\":\"" + uri(rkey) + "\",\"cid\":\"bafyreid\",\"value\":{\"text\":\"Sale\"}}")));

        PublishResult result = bluesky.publish(request(true));

        assertThat(result.externalId()).isEqualTo(uri(rkey));
        server.verify(0, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void aRetryWhenTheEarlierAttemptDidNotArrivePostsOnce() {
        String rkey = request(true).recordKey();
        server.stubFor(get(urlPathEqualTo(GET_RECORD)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}")));
        server.stubFor(post(CREATE).willReturn(okJson("{\"uri\":\"" + uri(rkey) + "\",\"cid\":\"bafyreid\"}")));

        bluesky.publish(request(true));

        server.verify(1, getRequestedFor(urlPathEqualTo(GET_RECORD)));
        server.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void rateLimitedHonoursRetryAfter() {
        server.stubFor(post(CREATE).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")));

        PublishException e = catchThrowableOfType(() -> bluesky.publish(request(false)), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aServerErrorThenSuccess() {
        String rkey = request(false).recordKey();
        server.stubFor(post(CREATE).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"InternalServerError\"}")).willSetStateTo("up"));
        server.stubFor(post(CREATE).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{\"uri\":\"" + uri(rkey) + "\",\"cid\":\"bafyreid\"}")));

        assertThat(catchThrowableOfType(() -> bluesky.publish(request(false)), PublishException.class).kind())
                .isEqualTo(PublishException.Kind.RETRY);
        assertThat(bluesky.publish(request(false)).externalId()).isEqualTo(uri(rkey));
    }

    @Test
    void aTimeoutAfterSendingIsUnknownAndTheRetryLooksUpFirst() {
        String rkey = request(false).recordKey();
        server.stubFor(post(CREATE).willReturn(okJson("{\"uri\":\"" + uri(rkey) + "\",\"cid\":\"bafyreid\"}").withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)));

        PublishException e = catchThrowableOfType(() -> bluesky.publish(request(false)), PublishException.class);
        assertThat(e.kind()).isEqualTo(PublishException.Kind.UNKNOWN);

        // the stub did create it: the retry finds it by its record key
        server.stubFor(get(urlPathEqualTo(GET_RECORD)).withQueryParam("rkey", equalTo(rkey))
                .willReturn(okJson("{\"uri\":\"" + uri(rkey) + "\",\"cid\":\"bafyreid\",\"value\":{}}")));
        assertThat(bluesky.publish(request(true)).externalId()).isEqualTo(uri(rkey));
        server.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void aWrongAppPasswordIsRejectedForGood() {
        server.stubFor(post("/xrpc/com.atproto.server.createSession").atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}")));

        PublishException e = catchThrowableOfType(() -> bluesky.publish(request(false)), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("brand-bsky").contains("Invalid identifier or password");
        server.verify(0, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void aValidationErrorIsRejectedForGood() {
        server.stubFor(post(CREATE).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"InvalidRequest\",\"message\":\"Record/text must not be longer than 300 graphemes\"}")));
        server.stubFor(get(urlPathEqualTo(GET_RECORD)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"RecordNotFound\"}")));

        PublishException e = catchThrowableOfType(() -> bluesky.publish(request(false)), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("300 graphemes");
    }

    @Test
    void readsLikesRepostsAndReplies() {
        String uri = uri("3l2abcdefghij");
        server.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.feed.getPosts")).withQueryParam("uris", equalTo(uri))
                .willReturn(okJson("{\"posts\":[{\"uri\":\"" + uri + "\",\"cid\":\"bafy\",\"likeCount\":7,\"repostCount\":2,\"replyCount\":1,\"quoteCount\":0}]}")));

        assertThat(bluesky.metrics(channel, "app-pass-word", uri)).contains(new EngagementCounts(7, 2, 1));
    }

    @Test
    void uploadsEachImageAsABlobAndEmbedsThemWithTheirAltText() {
        server.stubFor(post("/xrpc/com.atproto.repo.uploadBlob").willReturn(okJson("""
                {"blob":{"$type":"blob","ref":{"$link":"bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"},
                 "mimeType":"image/png","size":9}}""")));
        String rkey = request(false).recordKey();
        server.stubFor(post(CREATE).willReturn(okJson("{\"uri\":\"" + uri(rkey) + "\",\"cid\":\"bafyreid\"}")));
        Post plain = ConnectorFixtures.post("brand-bsky", "Window display", null);

        bluesky.publish(ConnectorFixtures.request(channel, "app-pass-word", plain, false,
                ConnectorFixtures.image("a.png", "A snowy shop window")));

        server.verify(1, postRequestedFor(urlEqualTo("/xrpc/com.atproto.repo.uploadBlob"))
                .withHeader("Authorization", equalTo("Bearer access-jwt-1"))
                .withHeader("Content-Type", equalTo("image/png"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo("PNG-a.png".getBytes())));
        server.verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.record.embed['$type']", equalTo("app.bsky.embed.images")))
                .withRequestBody(matchingJsonPath("$.record.embed.images[0].alt", equalTo("A snowy shop window")))
                .withRequestBody(matchingJsonPath("$.record.embed.images[0].image.ref['$link']",
                        equalTo("bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"))));
    }
}
