package io.greenlight.conversation;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.greenlight.channel.Channel;
import io.greenlight.publishing.ConnectorFixtures;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Date;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The pollers alone against loopback stubs: cursors, the backfill window, paging and rate limits as documented. */
class InboundPollersTest {

    static final OffsetDateTime NOW = ConnectorFixtures.NOW;

    WireMockServer server;
    MastodonInbound mastodon;
    BlueskyInbound bluesky;

    @BeforeEach
    void start() {
        server = ConnectorFixtures.startServer();
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        mastodon = new MastodonInbound(ConnectorFixtures.http(), null);
        bluesky = new BlueskyInbound(ConnectorFixtures.http(), null);
    }

    @AfterEach
    void stop() {
        server.stop();
        ClockUtil.reset();
    }

    @Test
    void mastodonAsksSinceTheCursorAndWaitsWhenRateLimited() {
        Channel channel = ConnectorFixtures.channel("masto", "MASTODON", server.baseUrl(), null);
        server.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("since_id", equalTo("41"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Too many requests\"}")));
        RateLimited limited = catchThrowableOfType(RateLimited.class, () -> mastodon.poll(channel, "t", "41", null));
        assertThat(limited.until()).isEqualTo(NOW.plusSeconds(120));

        server.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("since_id", absent())
                .willReturn(okJson("[{\"id\":\"42\",\"type\":\"mention\",\"created_at\":\"2026-11-22T08:00:00Z\","
                        + "\"account\":{\"acct\":\"ann\",\"followers_count\":3},"
                        + "\"status\":{\"id\":\"7\",\"in_reply_to_id\":null,\"content\":\"<p>hi<br>there</p>\",\"url\":\"https://x/7\"}}]")
                        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "2026-11-22T09:05:00.000Z")));
        InboundPoller.Batch batch = mastodon.poll(channel, "t", null, NOW.minusDays(2));
        assertThat(batch.cursor()).isEqualTo("42");
        assertThat(batch.items()).singleElement().satisfies(i -> {
            assertThat(i.text()).isEqualTo("hi\nthere");
            assertThat(i.threadKey()).isEqualTo("7");
            assertThat(i.authorFollowers()).isEqualTo(3);
        });
        assertThat(batch.waitUntil()).isEqualTo(OffsetDateTime.parse("2026-11-22T09:05:00Z"));
        server.verify(getRequestedFor(urlPathEqualTo("/api/v1/notifications")).withQueryParam("types[]", equalTo("mention"))
                .withHeader("Authorization", equalTo("Bearer t")));
    }

    @Test
    void blueskyPagesBackUntilWhatItHasSeen() {
        Channel channel = ConnectorFixtures.channel("bsky", "BLUESKY", server.baseUrl(), "brand.bsky.social");
        server.stubFor(post("/xrpc/com.atproto.server.createSession").willReturn(okJson(
                "{\"accessJwt\":\"jwt\",\"handle\":\"brand.bsky.social\",\"did\":\"did:plc:brand\"}")));
        server.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.notification.listNotifications")).withQueryParam("cursor", absent())
                .willReturn(okJson(page("at://did:plc:a/app.bsky.feed.post/2", "2026-11-22T08:30:00Z", "mention", "p2"))));
        server.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.notification.listNotifications")).withQueryParam("cursor", equalTo("p2"))
                .willReturn(okJson(page("at://did:plc:a/app.bsky.feed.post/1", "2026-11-22T08:00:00Z", "mention", "p3"))));
        InboundPoller.Batch batch = bluesky.poll(channel, "pw", "2026-11-22T08:10:00Z", null);
        assertThat(batch.items()).extracting(InboundMessage::externalId).containsExactly("at://did:plc:a/app.bsky.feed.post/2");
        assertThat(batch.cursor()).isEqualTo("2026-11-22T08:30Z");
        server.verify(0, getRequestedFor(urlPathEqualTo("/xrpc/app.bsky.notification.listNotifications"))
                .withQueryParam("cursor", equalTo("p3")));

        server.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.notification.listNotifications")).withQueryParam("cursor", absent())
                .willReturn(aResponse().withStatus(429).withHeader("RateLimit-Reset", String.valueOf(NOW.plusMinutes(3).toEpochSecond()))
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"RateLimitExceeded\"}")));
        assertThat(catchThrowableOfType(RateLimited.class, () -> bluesky.poll(channel, "pw", null, null)).until())
                .isEqualTo(NOW.plusMinutes(3));
    }

    private static String page(String uri, String indexedAt, String reason, String cursor) {
        return "{\"cursor\":\"" + cursor + "\",\"notifications\":[{\"uri\":\"" + uri + "\",\"cid\":\"c\",\"reason\":\"" + reason
                + "\",\"indexedAt\":\"" + indexedAt + "\",\"author\":{\"did\":\"did:plc:a\",\"handle\":\"a.bsky.social\"},"
                + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"@brand hi\",\"createdAt\":\"" + indexedAt + "\"}}]}";
    }
}
