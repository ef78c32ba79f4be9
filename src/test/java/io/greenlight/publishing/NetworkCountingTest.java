package io.greenlight.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.ContentRules;
import io.greenlight.channel.CountUnit;
import io.greenlight.channel.LittleText;
import io.greenlight.channel.NetworkRule;
import io.greenlight.channel.NetworkRuleRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each network's own counting, the same in {@code POST /api/channels/count} (the composer's live count), in the API's
 * validation of a post and in {@code validatePost}: X weighted by twitter-text (URLs 23, emoji 2), LinkedIn with its
 * little-text escapes, Instagram's hashtag cap, Bluesky graphemes and bytes, the link counted where the connector
 * appends it.
 */
class NetworkCountingTest extends PublishingTestSupport {

    @Autowired ContentRules rules;
    @Autowired NetworkRuleRepository networkRules;

    private String channelOf(String network, String account) {
        String key = unique(network.toLowerCase()).toLowerCase();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("name", "Brand " + network);
        body.put("network", network);
        body.put("account", account);
        if ("BLUESKY".equals(network)) {
            body.put("baseUrl", "https://bsky.example");
            body.put("credentials", "app-pw");
        }
        if ("INSTAGRAM".equals(network)) {
            body.put("credentials", "ig-token");
        }
        Reply created = call("manager", "POST", "/api/channels", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return key;
    }

    private JsonNode count(Map<String, Object> body) {
        Reply r = call("creator", "POST", "/api/channels/count", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("channels");
    }

    @Test
    void xCountsWeightedWithEveryUrlAs23AndEmojiAs2() {
        String x = channelOf("X", "@brand");
        String longUrl = "https://example.com/" + "a".repeat(200);
        // 10 letters + space + URL(23) + space + 2 emoji (2 each) = 39
        JsonNode c = count(Map.of("text", "abcdefghij " + longUrl + " 😀😀", "channels", List.of(x))).path(0);

        assertThat(c.path("unit").asText()).isEqualTo("X_WEIGHTED");
        assertThat(c.path("unitLabel").asText()).isEqualTo("weighted characters");
        assertThat(c.path("used").asInt()).isEqualTo(39);
        assertThat(c.path("limit").asInt()).isEqualTo(280);
        assertThat(c.path("violations")).isEmpty();

        // 141 emoji weigh 282: over, although only 141 characters
        Reply tooLong = call("creator", "POST", "/api/posts", Map.of("title", "Emoji", "variants",
                List.of(Map.of("channel", x, "text", "😀".repeat(141)))));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("282 weighted characters");
        // 140 emoji are fine
        assertThat(call("creator", "POST", "/api/posts", Map.of("title", "Emoji", "variants",
                List.of(Map.of("channel", x, "text", "😀".repeat(140))))).status()).isEqualTo(201);
    }

    @Test
    void theLinkCountsWhereTheConnectorAppendsIt() {
        String x = channelOf("X", null);
        // 256 letters + "\n\n" + URL 23 = 281 > 280
        JsonNode c = count(Map.of("text", "a".repeat(256), "link", "https://example.com/sale", "channels", List.of(x))).path(0);

        assertThat(c.path("used").asInt()).isEqualTo(281);
        assertThat(c.path("violations").path(0).path("rule").asText()).isEqualTo("length");
    }

    @Test
    void linkedInCountsItsEscapes() {
        String li = channelOf("LINKEDIN", "urn:li:organization:5515715");
        // 2,990 letters + "(#1)" = 2,994 characters, escaped "\(\#1\)" = 2,997
        String text = "a".repeat(2990) + "(#1)";
        JsonNode c = count(Map.of("text", text, "channels", List.of(li))).path(0);
        assertThat(c.path("unit").asText()).isEqualTo("LITTLE_TEXT");
        assertThat(c.path("used").asInt()).isEqualTo(2997);
        assertThat(c.path("violations")).isEmpty();

        // "a" x 2,990 + "[**]" x 2 = 2,998 characters but 3,006 escaped
        JsonNode over = count(Map.of("text", "a".repeat(2990) + "[**][**]", "channels", List.of(li))).path(0);
        assertThat(over.path("used").asInt()).isEqualTo(3006);
        assertThat(over.path("violations").path(0).path("message").asText()).contains("3,006").contains("3,000");
        assertThat(LittleText.escape("\\|{}@[]()<>#*_~")).isEqualTo("\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~");
    }

    @Test
    void instagramCapsHashtagsAndTheCapIsData() {
        String ig = channelOf("INSTAGRAM", null);
        String six = "New in #winter #sale #shop #city #style #gift";
        JsonNode c = count(Map.of("text", six, "channels", List.of(ig))).path(0);
        assertThat(c.path("hashtags").asInt()).isEqualTo(6);
        assertThat(c.path("maxHashtags").asInt()).isEqualTo(5);
        assertThat(c.path("violations").path(0).path("rule").asText()).isEqualTo("hashtags");

        NetworkRule rule = networkRules.findById("INSTAGRAM").orElseThrow();
        rule.setMaxHashtags(30);
        networkRules.save(rule);
        try {
            assertThat(count(Map.of("text", six, "channels", List.of(ig))).path(0).path("violations")).isEmpty();
        } finally {
            rule.setMaxHashtags(5);
            networkRules.save(rule);
        }
    }

    @Test
    void blueskyReportsGraphemesAndBytesAndSeveralChannelsAtOnce() {
        String bsky = channelOf("BLUESKY", "brand.bsky.social");
        String x = channelOf("X", null);
        // a family emoji: 1 grapheme, 18 bytes; X weighs it 2
        JsonNode all = count(Map.of("variants", List.of(
                Map.of("channel", bsky, "text", "👨‍👩‍👧".repeat(170)),
                Map.of("channel", x, "text", "hi"))));

        JsonNode b = all.path(0);
        assertThat(b.path("channel").asText()).isEqualTo(bsky);
        assertThat(b.path("unit").asText()).isEqualTo("GRAPHEMES");
        assertThat(b.path("used").asInt()).isEqualTo(170);
        assertThat(b.path("bytes").asInt()).isEqualTo(3060);
        assertThat(b.path("maxBytes").asInt()).isEqualTo(3000);
        assertThat(b.path("violations").path(0).path("rule").asText()).isEqualTo("bytes");
        assertThat(all.path(1).path("used").asInt()).isEqualTo(2);
    }

    @Test
    void badCountRequestsAre400sWithTheReason() {
        Reply none = call("creator", "POST", "/api/channels/count", Map.of("text", "hi"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("detail").asText()).contains("channel");
        Reply unknown = call("creator", "POST", "/api/channels/count", Map.of("text", "hi", "channels", List.of("nope-nope")));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("channels").path(0).path("violations").path(0).path("message").asText())
                .contains("Unknown channel");
        assertThat(call(null, "POST", "/api/channels/count", Map.of("text", "hi", "channels", List.of("local"))).status())
                .isEqualTo(401);
    }

    @Test
    void countUnitsMatchTheNetworksDefinitions() {
        assertThat(CountUnit.X_WEIGHTED.count("日本語")).as("CJK weighs 2").isEqualTo(6);
        assertThat(CountUnit.X_WEIGHTED.count("café")).isEqualTo(4);
        assertThat(CountUnit.X_WEIGHTED.count("cafe\u0301")).as("NFC first").isEqualTo(4);
        assertThat(CountUnit.LITTLE_TEXT.count("a_b")).isEqualTo(4);
        // Threads: characters, each emoji as the UTF-8 bytes of its whole sequence
        assertThat(CountUnit.EMOJI_BYTES.count("😀")).isEqualTo(4);
        assertThat(CountUnit.EMOJI_BYTES.count("👍🏽")).as("skin tone").isEqualTo(8);
        assertThat(CountUnit.EMOJI_BYTES.count("👨‍👩‍👧")).as("family (ZWJ sequence)").isEqualTo(18);
        assertThat(CountUnit.EMOJI_BYTES.count("🇩🇪")).as("flag").isEqualTo(8);
        assertThat(CountUnit.EMOJI_BYTES.count("❤️")).as("heart with variation selector 16").isEqualTo(6);
        assertThat(CountUnit.EMOJI_BYTES.count("café 日本 #1")).as("no emoji: one per character").isEqualTo(10);
    }
}
