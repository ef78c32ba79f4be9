package io.greenlight.publishing.facebook;

import io.greenlight.publishing.Publisher;
import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.publishing.ConnectorTestSupport;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Facebook Page connector against a loopback stub of the documented Graph API: {@code POST /v21.0/{page}/feed}
 * ({@code message}, {@code link}, {@code access_token}) → {@code {"id"}}, {@code POST /v21.0/{page}/photos} (multipart
 * {@code source}); errors {@code {"error": {"message", "type", "code"}}} (190 token, 4/17/32/613 rate limits, 100 invalid).
 */
class FacebookPublisherTest extends ConnectorTestSupport {

    static final String TOKEN = "page-token";
    static final String PAGE = "102938475610";
    static final String FEED = "/" + FacebookPublisher.VERSION + "/" + PAGE + "/feed";
    static final String PHOTOS = "/" + FacebookPublisher.VERSION + "/" + PAGE + "/photos";

    FacebookPublisher facebook;

    @BeforeEach
    void start() {
        facebook = new FacebookPublisher(ConnectorFixtures.http());
        channel = ConnectorFixtures.channel("brand-fb", "FACEBOOK", server.baseUrl(), PAGE);
        post = ConnectorFixtures.post("brand-fb", "Our winter sale starts today!", "https://example.com/sale");
    }

    private PublishRequest request() {
        return request(TOKEN);
    }

    private static String graphError(String message, String type, int code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code + ",\"fbtrace_id\":\"A1b2\"}}";
    }

    @Test
    void postsMessageAndLinkToThePageFeed() {
        server.stubFor(post(FEED).willReturn(okJson("{\"id\":\"" + PAGE + "_5550001\"}")));

        PublishResult result = facebook.publish(request());

        assertThat(result.externalId()).isEqualTo(PAGE + "_5550001");
        assertThat(result.url()).isEqualTo("https://www.facebook.com/" + PAGE + "_5550001");
        server.verify(1, postRequestedFor(urlEqualTo(FEED))
                .withRequestBody(containing("message=Our+winter+sale+starts+today%21"))
                .withRequestBody(containing("link=https%3A%2F%2Fexample.com%2Fsale"))
                .withRequestBody(containing("access_token=" + TOKEN)));
    }

    @Test
    void oneImageIsAPhotoPostWithCaptionAndAltText() {
        server.stubFor(post(PHOTOS).willReturn(okJson("{\"id\":\"7770001\",\"post_id\":\"" + PAGE + "_5550002\"}")));

        PublishResult result = facebook.publish(ConnectorFixtures.request(channel, TOKEN, post, false,
                ConnectorFixtures.image("a.png", "Snowy window")));

        assertThat(result.externalId()).isEqualTo(PAGE + "_5550002");
        server.verify(1, postRequestedFor(urlEqualTo(PHOTOS))
                .withAnyRequestBodyPart(aMultipart("source").withBody(binaryEqualTo("PNG-a.png".getBytes())))
                .withAnyRequestBodyPart(aMultipart("published").withBody(equalTo("true")))
                .withAnyRequestBodyPart(aMultipart("alt_text_custom").withBody(equalTo("Snowy window")))
                .withAnyRequestBodyPart(aMultipart("message").withBody(containing("https://example.com/sale"))));
    }

    @Test
    void severalImagesAreUploadedUnpublishedAndAttachedToOneFeedPost() {
        server.stubFor(post(PHOTOS).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":\"8001\"}")).willSetStateTo("2"));
        server.stubFor(post(PHOTOS).inScenario("p").whenScenarioStateIs("2").willReturn(okJson("{\"id\":\"8002\"}")));
        server.stubFor(post(FEED).willReturn(okJson("{\"id\":\"" + PAGE + "_5550003\"}")));

        facebook.publish(ConnectorFixtures.request(channel, TOKEN, post, false,
                ConnectorFixtures.image("a.png", null), ConnectorFixtures.image("b.png", null)));

        server.verify(2, postRequestedFor(urlEqualTo(PHOTOS)).withAnyRequestBodyPart(aMultipart("published").withBody(equalTo("false"))));
        server.verify(1, postRequestedFor(urlEqualTo(FEED))
                .withRequestBody(containing("attached_media%5B0%5D=%7B%22media_fbid%22%3A%228001%22%7D"))
                .withRequestBody(containing("attached_media%5B1%5D=%7B%22media_fbid%22%3A%228002%22%7D")));
    }

    @Test
    void aRateLimitCodeIsRetried() {
        server.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(graphError("(#32) Page request limit reached", "OAuthException", 32))));

        PublishException e = catchThrowableOfType(() -> facebook.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(e.getMessage()).contains("rate-limited").contains("Page request limit reached");
    }

    @Test
    void a429HonoursRetryAfter() {
        server.stubFor(post(FEED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")
                .withHeader("Content-Type", "application/json").withBody(graphError("Too many calls", "OAuthException", 4))));

        PublishException e = catchThrowableOfType(() -> facebook.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(e.retryAfter()).hasSeconds(60);
    }

    @Test
    void aServerErrorIsRetriedAndTheRetrySucceeds() {
        server.stubFor(post(FEED).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody(graphError("An unknown error has occurred.", "OAuthException", 1)))
                .willSetStateTo("up"));
        server.stubFor(post(FEED).inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson("{\"id\":\"" + PAGE + "_1\"}")));

        assertThat(catchThrowableOfType(() -> facebook.publish(request()), PublishException.class).kind())
                .isEqualTo(PublishException.Kind.RETRY);
        assertThat(facebook.publish(request()).externalId()).isEqualTo(PAGE + "_1");
    }

    @Test
    void aTimeoutAfterSendingIsAnUnknownOutcome() {
        server.stubFor(post(FEED).willReturn(okJson("{\"id\":\"1\"}").withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)));

        assertThat(catchThrowableOfType(() -> facebook.publish(request()), PublishException.class).kind())
                .isEqualTo(PublishException.Kind.UNKNOWN);
        assertThat(facebook.idempotency()).isEqualTo(Publisher.Idempotency.NONE);
    }

    @Test
    void anExpiredTokenIsRejectedForGoodThoughFacebookAnswers400() {
        server.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(graphError("Error validating access token: Session has expired on Sunday, 22-Nov-26", "OAuthException", 190))));

        PublishException e = catchThrowableOfType(() -> facebook.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("Facebook channel 'brand-fb'").contains("credentials").contains("Session has expired")
                .contains("code 190");
    }

    @Test
    void aValidationErrorIsRejectedForGood() {
        server.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(graphError("(#100) The parameter link is not a valid URL", "OAuthException", 100))));

        PublishException e = catchThrowableOfType(() -> facebook.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("400").contains("not a valid URL");
    }

    @Test
    void readsReactionsCommentsAndShares() {
        server.stubFor(get(urlPathEqualTo("/" + FacebookPublisher.VERSION + "/" + PAGE + "_1")).willReturn(okJson(
                "{\"id\":\"" + PAGE + "_1\",\"reactions\":{\"data\":[],\"summary\":{\"total_count\":12}},"
                        + "\"comments\":{\"data\":[],\"summary\":{\"total_count\":3}},\"shares\":{\"count\":2}}")));

        assertThat(facebook.metrics(channel, TOKEN, PAGE + "_1")).contains(new EngagementCounts(12, 2, 3));
    }
}
