package io.greenlight.publishing.x;

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

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The X connector against a loopback stub of the documented API v2: {@code POST /2/tweets} (OAuth 2.0 user token;
 * 201 {@code {"data": {"id", "text"}}}), {@code POST /2/media/upload} (multipart; {@code {"data": {"id", "media_key"}}}),
 * {@code POST /2/media/metadata} (alt text); errors are problem details ({@code title}, {@code detail}, {@code errors}).
 */
class XPublisherTest extends ConnectorTestSupport {

    static final String TOKEN = "x-user-token";
    static final String CREATED = "{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"Our winter sale starts today!\"}}";

    XPublisher x;

    @BeforeEach
    void start() {
        x = new XPublisher(ConnectorFixtures.http());
        channel = ConnectorFixtures.channel("brand-x", "X", server.baseUrl(), "@brand");
        post = ConnectorFixtures.post("brand-x", "Our winter sale starts today!", "https://example.com/sale");
    }

    private PublishRequest request() {
        return request(TOKEN);
    }

    @Test
    void postsTheTextWithItsLinkAsTheUser() {
        server.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CREATED)));

        PublishResult result = x.publish(request());

        assertThat(result.externalId()).isEqualTo("1445880548472328192");
        assertThat(result.url()).isEqualTo("https://x.com/brand/status/1445880548472328192");
        server.verify(1, postRequestedFor(urlEqualTo("/2/tweets"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"text\":\"Our winter sale starts today!\\n\\nhttps://example.com/sale\"}")));
    }

    @Test
    void uploadsImagesFirstWithAltTextAndAttachesTheirIds() {
        server.stubFor(post("/2/media/upload").inScenario("media").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"data\":{\"id\":\"1880028106020515840\",\"media_key\":\"3_1880028106020515840\"}}"))
                .willSetStateTo("second"));
        server.stubFor(post("/2/media/upload").inScenario("media").whenScenarioStateIs("second")
                .willReturn(okJson("{\"data\":{\"id\":\"1880028106020515841\",\"media_key\":\"3_1880028106020515841\"}}")));
        server.stubFor(post("/2/media/metadata").willReturn(okJson("{\"data\":{\"associated_metadata\":true}}")));
        server.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CREATED)));

        x.publish(ConnectorFixtures.request(channel, TOKEN, post, false,
                ConnectorFixtures.image("a.png", "A snowy shop window"), ConnectorFixtures.image("b.png", null)));

        server.verify(2, postRequestedFor(urlEqualTo("/2/media/upload"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withAnyRequestBodyPart(aMultipart("media_category").withBody(equalTo("tweet_image"))));
        server.verify(1, postRequestedFor(urlEqualTo("/2/media/upload"))
                .withAnyRequestBodyPart(aMultipart("media").withBody(binaryEqualTo("PNG-a.png".getBytes()))));
        server.verify(1, postRequestedFor(urlEqualTo("/2/media/metadata")).withRequestBody(equalToJson(
                "{\"id\":\"1880028106020515840\",\"metadata\":{\"alt_text\":{\"text\":\"A snowy shop window\"}}}")));
        server.verify(postRequestedFor(urlEqualTo("/2/tweets")).withRequestBody(equalToJson(
                "{\"text\":\"${json-unit.any-string}\",\"media\":{\"media_ids\":[\"1880028106020515840\",\"1880028106020515841\"]}}")));
    }

    @Test
    void moreThanFourImagesAreRefusedBeforeAnythingIsSent() {
        PublishException e = catchThrowableOfType(() -> x.publish(ConnectorFixtures.request(channel, TOKEN, post, false,
                ConnectorFixtures.image("1.png", null), ConnectorFixtures.image("2.png", null), ConnectorFixtures.image("3.png", null),
                ConnectorFixtures.image("4.png", null), ConnectorFixtures.image("5.png", null))), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void rateLimitedAnswersRetryNotBeforeRetryAfter() {
        server.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "900")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")));

        PublishException e = catchThrowableOfType(() -> x.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(900));
        assertThat(e.getMessage()).contains("X channel 'brand-x'").contains("Too Many Requests");
    }

    @Test
    void aServerErrorIsRetriedAndTheRetrySucceeds() {
        server.stubFor(post("/2/tweets").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"title\":\"Service Unavailable\"}")).willSetStateTo("up"));
        server.stubFor(post("/2/tweets").inScenario("flaky").whenScenarioStateIs("up").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CREATED)));

        PublishException first = catchThrowableOfType(() -> x.publish(request()), PublishException.class);
        assertThat(first.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(x.publish(request()).externalId()).isEqualTo("1445880548472328192");
    }

    @Test
    void aTimeoutAfterSendingIsAnUnknownOutcomeThatIsNeverRetriedBlindly() {
        server.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(201).withBody(CREATED)
                .withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)));

        PublishException e = catchThrowableOfType(() -> x.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.UNKNOWN);
        assertThat(x.idempotency()).as("no key, no lookup: a manager checks").isEqualTo(Publisher.Idempotency.NONE);
    }

    @Test
    void anExpiredTokenIsRejectedForGoodNamingTheChannelAndTheNetworksError() {
        server.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));

        PublishException e = catchThrowableOfType(() -> x.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("X channel 'brand-x'").contains("401").contains("Unauthorized");
    }

    @Test
    void aValidationErrorIsRejectedForGoodWithXsReason() {
        server.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"parameters\":{\"text\":[\"...\"]},\"message\":\"Tweet text is too long.\"}],"
                        + "\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
                        + "\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}")));

        PublishException e = catchThrowableOfType(() -> x.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("400").contains("Invalid Request").contains("Tweet text is too long.");
    }

    @Test
    void readsPublicMetrics() {
        server.stubFor(get(urlPathEqualTo("/2/tweets/1445880548472328192")).willReturn(okJson(
                "{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"t\",\"public_metrics\":{\"retweet_count\":4,"
                        + "\"reply_count\":2,\"like_count\":31,\"quote_count\":1,\"impression_count\":900}}}")));

        assertThat(x.metrics(channel, TOKEN, "1445880548472328192")).contains(new EngagementCounts(31, 5, 2));
    }
}
