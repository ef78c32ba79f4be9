package io.greenlight.publishing;

import io.greenlight.publishing.bluesky.Tid;
import io.greenlight.channel.Channel;
import io.greenlight.engine.HttpClients;
import io.greenlight.post.Post;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantContent;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** Builds connectors and requests for tests that talk to loopback stubs, without a Spring context. */
public final class ConnectorFixtures {

    public static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 22, 9, 0, 0, 0, ZoneOffset.UTC);

    private ConnectorFixtures() {
    }

    /** The "timeout after send" stubs answer after {@link #SLOWER_THAN_TIMEOUT} ms, later than this read timeout. */
    public static NetworkHttp http() {
        return new NetworkHttp(new HttpClients(Duration.ofSeconds(2), Duration.ofMillis(800)), null, null);
    }

    public static final int SLOWER_THAN_TIMEOUT = 1600;

    /** A stub on loopback, warmed up so its first-request start-up cost never counts against the read timeout. */
    public static WireMockServer startServer() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        warmUp(server);
        return server;
    }

    /** One request to a started stub, so that its first-request start-up cost is paid before a connector's call. */
    static void warmUp(WireMockServer server) {
        try {
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__admin/mappings")).build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Channel channel(String key, String network, String baseUrl, String account) {
        Channel channel = new Channel(key, "Test " + key, network);
        channel.setBaseUrl(baseUrl);
        channel.setAccount(account);
        return channel;
    }

    public static Post post(String channel, String text, String link) {
        Post post = new Post("creator", NOW);
        post.edit("Winter sale", null, null, "UTC", List.of(new VariantContent(channel, text, link)), NOW);
        return post;
    }

    /** A small PNG-like payload (the networks' stubs do not decode it). */
    public static MediaAttachment image(String name, String alt) {
        return new MediaAttachment(name, "image/png", ("PNG-" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8), alt);
    }

    /** A JPEG that the network fetches from {@code url} (Instagram, Threads). */
    public static MediaAttachment jpeg(String name, String alt, String url) {
        return new MediaAttachment(name, "image/jpeg", ("JPEG-" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8), alt, url);
    }

    /** An MP4 that the network fetches from {@code url}. */
    public static MediaAttachment video(String name, String url) {
        return new MediaAttachment(name, "video/mp4", ("MP4-" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8), null, url);
    }

    public static PublishRequest request(Channel channel, String credentials, Post post, boolean unresolved,
                                  MediaAttachment... media) {
        return request(channel, credentials, post, unresolved).withMedia(List.of(media));
    }

    public static PublishRequest request(Channel channel, String credentials, Post post, boolean unresolved) {
        PostVariant variant = post.variant(channel.getKey()).orElseThrow();
        String key = PublishLedger.idempotencyKey(post.getId(), channel.getKey(), 1);
        return new PublishRequest(channel, credentials, post, variant, key, Tid.of(NOW.toInstant(), key), unresolved, NOW);
    }
}
