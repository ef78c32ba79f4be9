package io.greenlight.channel;

import io.greenlight.security.Groups;
import io.greenlight.security.CurrentUser;

import io.greenlight.security.LoopbackClient;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.greenlight.security.LoopbackClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

/** Per-channel rights — who may draft for which channel — on every way a post's variants are written. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChannelDraftRightsTest {

    @LocalServerPort int port;
    @Autowired ChannelRepository channels;
    @Autowired IdentityService identity;

    String channel;
    String legalWriter;

    @BeforeEach
    void channelAndWriter() {
        channel = "rights" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        channels.save(new Channel(channel, "Rights test " + channel, "LOCAL"));
        legalWriter = "legalwriter" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        User u = identity.newUser(legalWriter);
        u.setPassword(legalWriter);
        identity.saveUser(u);
        identity.createMembership(legalWriter, Groups.CREATORS);
        identity.createMembership(legalWriter, "legal");
    }

    @Test
    void aRestrictedChannelIsDraftedForOnlyByItsGroupsAndManagers() {
        String rules = "/api/channels/" + channel + "/draft-groups";
        assertThat(api("creator", "GET", rules, null).body()).contains("\"restricted\":false");
        assertThat(api("creator", "POST", "/api/posts", post(channel)).status()).as("open by default").isEqualTo(201);

        assertThat(api("creator", "PUT", rules, "{\"groups\":[\"creators\"]}").status()).isEqualTo(403);
        LoopbackClient.Response unknown = api("manager", "PUT", rules, "{\"groups\":[\"legal\",\"no-such-group\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("no-such-group");
        assertThat(api("manager", "PUT", "/api/channels/nochannel" + channel + "/draft-groups", "{\"groups\":[]}").status())
                .isEqualTo(404);
        assertThat(api("creator", "GET", rules, null).body()).as("nothing changed").contains("\"restricted\":false");

        LoopbackClient.Response set = api("manager", "PUT", rules, "{\"groups\":[\"legal\"]}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("\"groups\":[\"legal\"]").contains("\"restricted\":true");

        LoopbackClient.Response refused = api("creator", "POST", "/api/posts", post(channel));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("You may not draft for the channel '" + channel + "'");
        assertThat(api(legalWriter, "POST", "/api/posts", post(channel)).status()).isEqualTo(201);
        assertThat(api("manager", "POST", "/api/posts", post(channel)).status()).isEqualTo(201);

        // editing a post to add the channel is refused just the same, and the post keeps its content
        LoopbackClient.Response draft = api("creator", "POST", "/api/posts", post("local"));
        String id = draft.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(api("creator", "PUT", "/api/posts/" + id, post(channel)).status()).isEqualTo(403);
        assertThat(api("creator", "GET", "/api/posts/" + id, null).body()).doesNotContain(channel);

        assertThat(api("manager", "PUT", rules, "{\"groups\":[]}").status()).isEqualTo(200);
        assertThat(api("creator", "POST", "/api/posts", post(channel)).status()).as("open again").isEqualTo(201);
    }

    static String post(String channel) {
        return "{\"title\":\"Rights " + UUID.randomUUID().toString().substring(0, 8) + "\",\"variants\":[{\"channel\":\""
                + channel + "\",\"text\":\"Per-channel rights\"}]}";
    }

    LoopbackClient.Response api(String user, String method, String path, String json) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", basic(user, user));
        h.put("Accept", "application/json");
        if (json != null) {
            h.put("Content-Type", "application/json");
        }
        return new LoopbackClient("127.0.0.1", port).send(method, path, h, json == null && !method.equals("GET") ? "" : json);
    }
}
