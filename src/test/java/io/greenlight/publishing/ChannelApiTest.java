package io.greenlight.publishing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/channels}: managers configure channels; credentials are stored AES-GCM encrypted and are never
 * returned; a Mastodon channel takes its limit from its server; bad input is a 400 with the reason.
 */
class ChannelApiTest extends PublishingTestSupport {

    @RegisterExtension
    static final NetworkStub stub = new NetworkStub();

    @Autowired JdbcTemplate jdbc;

    @BeforeAll
    static void stubTheNetworks() {
        stub.stubFor(get("/api/v2/instance").willReturn(okJson(
                "{\"configuration\":{\"statuses\":{\"max_characters\":1000,\"max_media_attachments\":4,\"characters_reserved_per_url\":23}}}")));
    }

    private Map<String, Object> body(String key, String network, String baseUrl, String account, String credentials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("name", "Brand " + key);
        body.put("network", network);
        body.put("baseUrl", baseUrl);
        body.put("account", account);
        body.put("credentials", credentials);
        return body;
    }

    @Test
    void aManagerAddsAMastodonChannelWhoseTokenIsEncryptedAndNeverReturned() {
        String key = unique("masto").toLowerCase();
        String token = "super-secret-token-" + key;
        Reply created = call("manager", "POST", "/api/channels", body(key, "mastodon", stub.baseUrl(), null, token));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(token);
        assertThat(created.json().path("hasCredentials").asBoolean()).isTrue();
        assertThat(created.json().path("network").asText()).isEqualTo("MASTODON");
        assertThat(created.json().path("limits").path("maxLength").asInt()).as("read from /api/v2/instance").isEqualTo(1000);

        String stored = jdbc.queryForObject("select credentials_enc from channel where channel_key = ?", String.class, key);
        assertThat(stored).startsWith("v1:").doesNotContain(token);
        assertThat(channelService.credentialsOf(channelRepository.findById(key).orElseThrow())).isEqualTo(token);

        Reply list = call("creator", "GET", "/api/channels", null);
        assertThat(list.body()).contains(key).doesNotContain(token).doesNotContain(stored);

        Reply rotated = call("manager", "PUT", "/api/channels/" + key + "/credentials", Map.of("credentials", "rotated-" + token));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body()).doesNotContain("rotated-");
        assertThat(channelService.credentialsOf(channelRepository.findById(key).orElseThrow())).isEqualTo("rotated-" + token);
    }

    @Test
    void onlyManagersConfigureChannels() {
        Reply refused = call("creator", "POST", "/api/channels", body(unique("x").toLowerCase(), "WEBHOOK", "https://hooks.example/x", null, "s"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("managers");
    }

    @Test
    void badInputIsA400WithTheReasons() {
        Reply bad = call("manager", "POST", "/api/channels", body("Bad Key!", "BLUESKY", "not a url", null, ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("key:").contains("baseUrl:").contains("account:").contains("credentials:");
        assertThat(call("manager", "POST", "/api/channels", body("ok-key-1", "MYSPACE", null, null, "x")).body())
                .contains("network:");
        assertThat(call("manager", "POST", "/api/channels", "not json").status()).isBetween(400, 415);
    }

    @Test
    void blueskyTextIsCountedInGraphemesAndBytes() {
        String key = unique("bsky").toLowerCase();
        assertThat(call("manager", "POST", "/api/channels", body(key, "BLUESKY", "https://bsky.social", "brand.bsky.social", "app-pw")).status())
                .isEqualTo(201);
        // 290 graphemes of 4 bytes each (1,160 bytes): within both caps
        String emoji = "😀".repeat(290);
        Reply ok = call("creator", "POST", "/api/posts", Map.of("title", "Emoji", "variants",
                java.util.List.of(Map.of("channel", key, "text", emoji))));
        assertThat(ok.status()).isEqualTo(201);
        // 301 graphemes: too long
        Reply tooLong = call("creator", "POST", "/api/posts", Map.of("title", "Long", "variants",
                java.util.List.of(Map.of("channel", key, "text", "a".repeat(301)))));
        assertThat(tooLong.status()).isEqualTo(400);
        // 300 graphemes, each an 18-byte family emoji (ZWJ sequence): 5,400 bytes, over the 3,000-byte cap
        Reply tooManyBytes = call("creator", "POST", "/api/posts", Map.of("title", "Bytes", "variants",
                java.util.List.of(Map.of("channel", key, "text", "👨‍👩‍👧".repeat(300)))));
        assertThat(tooManyBytes.status()).isEqualTo(400);
        assertThat(tooManyBytes.body()).contains("bytes");
        assertThat(call("creator", "GET", "/posts/new", null).body()).contains("data-max-bytes=\"3000\"");
    }

    @Test
    void mastodonCountsEveryUrlAs23Characters() {
        String key = unique("masto").toLowerCase();
        call("manager", "POST", "/api/channels", body(key, "MASTODON", stub.baseUrl(), null, "t"));
        String longUrl = "https://example.com/" + "a".repeat(2000);
        // 970 characters + a 2,020-character URL counted as 23 = 994 ≤ 1,000
        Reply ok = call("creator", "POST", "/api/posts", Map.of("title", "Url", "variants",
                java.util.List.of(Map.of("channel", key, "text", "b".repeat(970) + " " + longUrl))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        // the composer counts the same way (composer.js reads these)
        assertThat(call("creator", "GET", "/posts/new", null).body()).contains("data-url-length=\"23\"");
    }
}
