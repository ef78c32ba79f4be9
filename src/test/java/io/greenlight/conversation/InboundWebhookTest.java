package io.greenlight.conversation;

import io.greenlight.testing.ApiTestSupport;
import io.greenlight.testing.Http;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The signed inbound webhook: a signed item lands once; bad signatures and bad payloads get 4xx and change nothing. */
class InboundWebhookTest extends ApiTestSupport {

    @Autowired ConversationItemRepository items;
    @Autowired ConversationRepository conversations;

    private Http.Response send(String body, String signature) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json"));
        if (signature != null) {
            headers.put("X-Greenlight-Signature", signature);
        }
        return http.raw(HttpMethod.POST, "/api/inbound/local", body, headers);
    }

    private static String sign(String secret, String body) {
        return "sha256=" + new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmacHex(body);
    }

    @Test
    void aSignedItemLandsOnceAndEverythingElseIsRefusedWithoutChange() {
        http.post(CREATOR, "/api/community/channels/local/webhook-secret", null).expectProblem(403);
        http.post(MANAGER, "/api/community/channels/nope/webhook-secret", null).expectProblem(404);
        String secret = http.post(MANAGER, "/api/community/channels/local/webhook-secret", null).expect(200)
                .json().path("secret").asText();
        assertThat(secret).hasSize(64);

        String id = unique("hook");
        String body = "{\"id\":\"" + id + "\",\"author\":\"helpdesk:42\",\"authorName\":\"Kim\",\"text\":\"Ticket: is the shop open on Sunday?\"}";
        long before = items.count();

        assertThat(send(body, null).expectProblem(401).detail()).contains("signature");
        send(body, sign("wrong-secret", body)).expectProblem(401);
        send(body + " ", sign(secret, body)).expectProblem(401);
        String malformed = "{\"id\": \"x\", \"text\": ";
        assertThat(send(malformed, sign(secret, malformed)).expectProblem(400).detail()).contains("not JSON");
        String nul = "{\"id\":\"" + unique("nul") + "\",\"author\":\"a\",\"text\":\"a\\u0000b\"}";
        assertThat(send(nul, sign(secret, nul)).expectProblem(400).detail()).contains("NUL");
        String array = "[1,2]";
        send(array, sign(secret, array)).expectProblem(400);
        String noText = "{\"id\":\"" + unique("x") + "\",\"author\":\"a\"}";
        send(noText, sign(secret, noText)).expectProblem(400);
        String big = "{\"id\":\"big\",\"author\":\"a\",\"text\":\"" + "a".repeat(InboundWebhook.MAX_BODY) + "\"}";
        send(big, sign(secret, big)).expectProblem(413);
        String otherChannel = http.raw(HttpMethod.POST, "/api/inbound/nochannel", body,
                Map.of("Content-Type", "application/json", "X-Greenlight-Signature", sign(secret, body))).status() + "";
        assertThat(otherChannel).isEqualTo("404");
        assertThat(items.count()).isEqualTo(before);

        assertThat(send(body, sign(secret, body)).expect(202).json().path("stored").asBoolean()).isTrue();
        assertThat(send(body, sign(secret, body)).expect(200).json().path("stored").asBoolean()).isFalse();
        assertThat(items.count()).isEqualTo(before + 1);
        Conversation c = conversations.findByChannelKeyAndThreadKey("local", id).orElseThrow();
        assertThat(c.getAuthorName()).isEqualTo("Kim");
        assertThat(c.getPriority()).isEqualTo("normal");
    }

    @Test
    void theInsightsPageHasTheCommunitySection() {
        String page = http.get(MANAGER, "/insights").expect(200).body();
        assertThat(page).contains("Community: first response and backlog").contains("community-backlog")
                .contains("First response per person");
    }
}
