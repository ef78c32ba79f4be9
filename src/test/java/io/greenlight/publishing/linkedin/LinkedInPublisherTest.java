package io.greenlight.publishing.linkedin;

import io.greenlight.publishing.Publisher;
import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.publishing.ConnectorTestSupport;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.greenlight.channel.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The LinkedIn connector against a loopback stub of the documented Posts API: {@code POST /rest/posts} with
 * {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version}, 201 and the post's URN in {@code x-restli-id};
 * images through {@code POST /rest/images?action=initializeUpload} and a {@code PUT} to the upload URL; errors
 * {@code {"message", "status"}}.
 */
class LinkedInPublisherTest extends ConnectorTestSupport {

    static final String TOKEN = "li-token";
    static final String AUTHOR = "urn:li:organization:5515715";
    static final String URN = "urn:li:share:6844785523593134080";

    LinkedInPublisher linkedin;

    @BeforeEach
    void start() {
        linkedin = new LinkedInPublisher(ConnectorFixtures.http());
        channel = ConnectorFixtures.channel("brand-li", "LINKEDIN", server.baseUrl(), AUTHOR);
        post = ConnectorFixtures.post("brand-li", "Winter sale (today only) #sale", null);
    }

    private PublishRequest request() {
        return request(TOKEN);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("x-restli-id", URN);
    }

    @Test
    void postsEscapedLittleTextAsTheOrganization() {
        server.stubFor(post("/rest/posts").willReturn(created()));

        PublishResult result = linkedin.publish(request());

        assertThat(result.externalId()).isEqualTo(URN);
        assertThat(result.url()).isEqualTo("https://www.linkedin.com/feed/update/" + URN + "/");
        server.verify(1, postRequestedFor(urlEqualTo("/rest/posts"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("LinkedIn-Version", equalTo(LinkedInPublisher.VERSION))
                .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withRequestBody(equalToJson("""
                        {"author":"urn:li:organization:5515715",
                         "commentary":"Winter sale \\\\(today only\\\\) \\\\#sale",
                         "visibility":"PUBLIC",
                         "distribution":{"feedDistribution":"MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]},
                         "lifecycleState":"PUBLISHED","isReshareDisabledByAuthor":false}""")));
    }

    @Test
    void uploadsAnImageThenPostsItWithItsAltText() {
        server.stubFor(post("/rest/images?action=initializeUpload").willReturn(okJson("""
                {"value":{"uploadUrlExpiresAt":1650567510704,
                  "uploadUrl":"%s/dms-uploads/sp/upload/C4E10AQ",
                  "image":"urn:li:image:C4E10AQFoyyAjHPMQuQ"}}""".formatted(server.baseUrl()))));
        server.stubFor(put("/dms-uploads/sp/upload/C4E10AQ").willReturn(aResponse().withStatus(201)));
        server.stubFor(post("/rest/posts").willReturn(created()));

        linkedin.publish(ConnectorFixtures.request(channel, TOKEN, post, false, ConnectorFixtures.image("a.png", "Our shop")));

        server.verify(postRequestedFor(urlEqualTo("/rest/images?action=initializeUpload"))
                .withRequestBody(equalToJson("{\"initializeUploadRequest\":{\"owner\":\"" + AUTHOR + "\"}}")));
        server.verify(putRequestedFor(urlEqualTo("/dms-uploads/sp/upload/C4E10AQ"))
                .withRequestBody(binaryEqualTo("PNG-a.png".getBytes())));
        server.verify(postRequestedFor(urlEqualTo("/rest/posts")).withRequestBody(equalToJson(
                "{\"content\":{\"media\":{\"id\":\"urn:li:image:C4E10AQFoyyAjHPMQuQ\",\"altText\":\"Our shop\"}}}", false, true)));
    }

    @Test
    void rateLimitedAnswersRetryNotBeforeRetryAfter() {
        server.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Resource level throttle APPLICATION DAY limit for calls to this resource is reached.\",\"status\":429}")));

        PublishException e = catchThrowableOfType(() -> linkedin.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.RETRY);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(e.getMessage()).contains("throttle");
    }

    @Test
    void aServerErrorIsRetriedAndTheRetrySucceeds() {
        server.stubFor(post("/rest/posts").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"Internal Server Error\",\"status\":500}"))
                .willSetStateTo("up"));
        server.stubFor(post("/rest/posts").inScenario("flaky").whenScenarioStateIs("up").willReturn(created()));

        assertThat(catchThrowableOfType(() -> linkedin.publish(request()), PublishException.class).kind())
                .isEqualTo(PublishException.Kind.RETRY);
        assertThat(linkedin.publish(request()).externalId()).isEqualTo(URN);
    }

    @Test
    void aGatewayTimeoutAfterSendingIsAnUnknownOutcome() {
        server.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(504).withBody("upstream timed out")));

        PublishException e = catchThrowableOfType(() -> linkedin.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.UNKNOWN);
        assertThat(linkedin.idempotency()).isEqualTo(Publisher.Idempotency.NONE);
    }

    @Test
    void aReadTimeoutAfterSendingIsAnUnknownOutcome() {
        server.stubFor(post("/rest/posts").willReturn(created().withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)));

        assertThat(catchThrowableOfType(() -> linkedin.publish(request()), PublishException.class).kind())
                .isEqualTo(PublishException.Kind.UNKNOWN);
    }

    @Test
    void anExpiredTokenIsRejectedForGood() {
        server.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"serviceErrorCode\":65601,\"code\":\"REVOKED_ACCESS_TOKEN\",\"message\":\"The token used in the request has been revoked by the user\",\"status\":401}")));

        PublishException e = catchThrowableOfType(() -> linkedin.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("LinkedIn channel 'brand-li'").contains("401").contains("revoked by the user");
    }

    @Test
    void aValidationErrorIsRejectedForGood() {
        server.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"ERROR :: /commentary :: length of 3001 exceeds maximum of 3000\",\"status\":422}")));

        PublishException e = catchThrowableOfType(() -> linkedin.publish(request()), PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("422").contains("exceeds maximum of 3000");
    }

    @Test
    void anAuthorThatIsNotAnUrnIsRefusedBeforeSending() {
        Channel bad = ConnectorFixtures.channel("brand-li", "LINKEDIN", server.baseUrl(), "Brand Inc");

        PublishException e = catchThrowableOfType(() -> linkedin.publish(ConnectorFixtures.request(bad, TOKEN, post, false)),
                PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
