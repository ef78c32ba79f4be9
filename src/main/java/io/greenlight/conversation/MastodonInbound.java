package io.greenlight.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelService;
import io.greenlight.engine.EngineClock;
import io.greenlight.publishing.NetworkHttp;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mastodon (any server), the documented API with the channel's bearer token:
 * {@code GET /api/v1/notifications?types[]=mention&since_id=…} (newest first; a new channel reads one page back to
 * the backfill window), {@code GET /api/v1/statuses/:id/context} for the thread's root (our post), and replies with
 * {@code POST /api/v1/statuses} ({@code in_reply_to_id}, the reply's {@code Idempotency-Key}: the server returns the
 * status it made for the same key instead of a second one).
 */
@Component
class MastodonInbound implements InboundPoller, ReplySender {

    static final int PAGE = 40;

    private final NetworkHttp http;
    private final ChannelService channels;

    MastodonInbound(NetworkHttp http, ChannelService channels) {
        this.http = http;
        this.channels = channels;
    }

    @Override
    public String network() {
        return "MASTODON";
    }

    private RestClient client(Channel channel) {
        if (channel.getBaseUrl() == null || channel.getBaseUrl().isBlank()) {
            throw new IllegalStateException("The Mastodon channel " + channel.getKey() + " has no server address");
        }
        return http.client(channel.getBaseUrl());
    }

    @Override
    public Batch poll(Channel channel, String token, String cursor, OffsetDateTime backfillFrom) {
        OffsetDateTime now = EngineClock.now();
        RestClient client = client(channel);
        ResponseEntity<JsonNode> response;
        try {
            response = client.get().uri(u -> {
                        u.path("/api/v1/notifications").queryParam("types[]", "mention").queryParam("limit", PAGE);
                        if (cursor != null) {
                            u.queryParam("since_id", cursor);
                        }
                        return u.build();
                    }).header("Authorization", "Bearer " + token).accept(MediaType.APPLICATION_JSON)
                    .retrieve().toEntity(JsonNode.class);
        } catch (RuntimeException e) {
            throw RateLimited.translate(e, now);
        }
        JsonNode list = response.getBody();
        List<InboundMessage> items = new ArrayList<>();
        String newest = cursor;
        if (list != null && list.isArray()) {
            for (JsonNode n : list) {
                String id = n.path("id").asText("");
                if (!id.isEmpty() && (newest == null || newer(id, newest))) {
                    newest = id;
                }
                JsonNode status = n.path("status");
                if (!"mention".equals(n.path("type").asText()) || status.isMissingNode() || status.isNull()) {
                    continue;
                }
                OffsetDateTime at = time(status.path("created_at").asText(null), now);
                if (cursor == null && backfillFrom != null && at.isBefore(backfillFrom)) {
                    continue;
                }
                items.add(0, item(client, token, channel, n.path("account"), status, at));
            }
        }
        return new Batch(items, newest, RateLimited.exhausted(response.getHeaders(), now));
    }

    private InboundMessage item(RestClient client, String token, Channel channel, JsonNode account, JsonNode status,
                                OffsetDateTime at) {
        String id = status.path("id").asText();
        String thread = id;
        String originalText = null;
        String originalUrl = null;
        if (!status.path("in_reply_to_id").asText("").isEmpty()) {
            JsonNode context = client.get().uri("/api/v1/statuses/{id}/context", id)
                    .header("Authorization", "Bearer " + token).accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(JsonNode.class);
            JsonNode ancestors = context == null ? null : context.path("ancestors");
            if (ancestors != null && ancestors.isArray() && !ancestors.isEmpty()) {
                JsonNode root = ancestors.get(0);
                thread = root.path("id").asText(id);
                originalText = PlainText.ofHtml(root.path("content").asText(""));
                originalUrl = root.path("url").asText(null);
            }
        }
        String acct = account.path("acct").asText("unknown");
        return new InboundMessage(channel.getKey(), id, status.path("uri").asText(null), thread, null, null, "@" + acct,
                blankToNull(account.path("display_name").asText(null)), account.path("followers_count").asInt(0),
                PlainText.ofHtml(status.path("content").asText("")), status.path("url").asText(null), null,
                originalText, originalUrl, at);
    }

    @Override
    public Sent send(Channel channel, Conversation conversation, ConversationReply reply, boolean earlierAttempt) {
        String token = channels.credentialsOf(channel);
        String text = reply.getText();
        String mention = conversation.getAuthorHandle();
        if (mention != null && mention.startsWith("@") && !text.contains(mention)) {
            text = mention + " " + text;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", text);
        body.put("in_reply_to_id", conversation.getReplyToId());
        body.put("visibility", "public");
        JsonNode status = client(channel).post().uri("/api/v1/statuses")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", reply.getIdempotencyKey())
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(JsonNode.class);
        if (status == null || status.path("id").asText("").isEmpty()) {
            throw new IllegalStateException("Mastodon answered the reply without a status id");
        }
        return new Sent(status.path("id").asText(), status.path("url").asText(null));
    }

    /** Mastodon ids are numeric strings that grow; compare by length, then text. */
    static boolean newer(String a, String b) {
        return a.length() != b.length() ? a.length() > b.length() : a.compareTo(b) > 0;
    }

    static OffsetDateTime time(String iso, OffsetDateTime fallback) {
        try {
            return iso == null ? fallback : OffsetDateTime.parse(iso);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
