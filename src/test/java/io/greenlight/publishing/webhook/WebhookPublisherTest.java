package io.greenlight.publishing.webhook;

import io.greenlight.publishing.Publisher;
import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.publishing.ConnectorTestSupport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The generic webhook: an HMAC-SHA256-signed JSON POST that a receiver can verify. */
class WebhookPublisherTest extends ConnectorTestSupport {

    static final String SECRET = "whsec-test-1";

    WebhookPublisher webhook;

    @BeforeEach
    void start() {
        webhook = new WebhookPublisher(ConnectorFixtures.http());
        channel = ConnectorFixtures.channel("n8n", "WEBHOOK", server.baseUrl() + "/hooks/greenlight", null);
        post = ConnectorFixtures.post("n8n", "Winter sale", "https://example.com/sale");
    }

    @Test
    void sendsASignedBodyTheReceiverCanVerify() {
        server.stubFor(post("/hooks/greenlight").willReturn(okJson("{\"id\":\"hook-77\",\"url\":\"https://intranet.example/news/77\"}")));
        PublishRequest request = ConnectorFixtures.request(channel, SECRET, post, false);

        PublishResult result = webhook.publish(request);

        assertThat(result).isEqualTo(new PublishResult("hook-77", "https://intranet.example/news/77"));
        List<LoggedRequest> received = server.findAll(postRequestedFor(urlEqualTo("/hooks/greenlight")));
        assertThat(received).hasSize(1);
        LoggedRequest r = received.get(0);
        String body = r.getBodyAsString();
        String timestamp = r.getHeader("X-Greenlight-Timestamp");
        // what a receiver does: recompute the HMAC over timestamp.body with the shared secret
        assertThat(r.getHeader("X-Greenlight-Signature")).isEqualTo("sha256=" + WebhookPublisher.sign(SECRET, timestamp + "." + body));
        assertThat(r.getHeader("X-Greenlight-Signature")).isNotEqualTo("sha256=" + WebhookPublisher.sign("other", timestamp + "." + body));
        assertThat(r.getHeader("Idempotency-Key")).isEqualTo(request.idempotencyKey());
        assertThat(body).contains("\"text\":\"Winter sale\"").contains("\"postId\":\"" + post.getId() + "\"");
    }

    @Test
    void aTimeoutAfterSendingIsUnknownAndNothingPromisesTheReceiverDeduplicates() {
        server.stubFor(post("/hooks/greenlight").willReturn(okJson("{}").withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)));

        PublishException e = catchThrowableOfType(() -> webhook.publish(ConnectorFixtures.request(channel, SECRET, post, false)),
                PublishException.class);

        assertThat(e.kind()).isEqualTo(PublishException.Kind.UNKNOWN);
        assertThat(webhook.idempotency()).isEqualTo(Publisher.Idempotency.NONE);
    }

    @Test
    void aPlainTextAnswerStillCountsAsDelivered() {
        server.stubFor(post("/hooks/greenlight").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("OK")));

        PublishRequest request = ConnectorFixtures.request(channel, SECRET, post, false);
        assertThat(webhook.publish(request).externalId()).isEqualTo(request.idempotencyKey());
    }

    @Test
    void aRefusedSignatureIsRejected() {
        server.stubFor(post("/hooks/greenlight").willReturn(aResponse().withStatus(401).withBody("bad signature")));

        PublishException e = catchThrowableOfType(() -> webhook.publish(ConnectorFixtures.request(channel, SECRET, post, false)),
                PublishException.class);
        assertThat(e.kind()).isEqualTo(PublishException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("n8n").contains("bad signature");
    }
}
