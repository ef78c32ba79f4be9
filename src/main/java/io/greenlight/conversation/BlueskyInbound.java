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
import org.springframework.web.client.RestClientResponseException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bluesky (any AT Protocol PDS), the documented XRPC calls: {@code com.atproto.server.createSession} with the app
 * password; {@code app.bsky.notification.listNotifications} (newest first, paged back with {@code cursor} until the
 * last item seen, by {@code indexedAt}, or the backfill window); {@code app.bsky.feed.getPostThread} for the thread's
 * root (our post); replies with {@code com.atproto.repo.createRecord} under a record key derived from the reply, so a
 * retry finds the record with {@code getRecord} instead of posting twice. The author's follower count is not in a
 * notification; it stays 0.
 */
@Component
class BlueskyInbound implements InboundPoller, ReplySender {

    static final String COLLECTION = "app.bsky.feed.post";
    static final int PAGE = 50;
    static final int MAX_PAGES = 5;

    private final NetworkHttp http;
    private final ChannelService channels;

    BlueskyInbound(NetworkHttp http, ChannelService channels) {
        this.http = http;
        this.channels = channels;
    }

    record Session(String jwt, String did, String handle) {
    }

    @Override
    public String network() {
        return "BLUESKY";
    }

    private RestClient client(Channel channel) {
        return http.client(NetworkHttp.baseUrlOr(channel, "https://bsky.social"));
    }

    private Session session(RestClient client, Channel channel, String password) {
        if (password == null || channel.getAccount() == null) {
            throw new IllegalStateException("The Bluesky channel " + channel.getKey() + " needs a handle and an app password");
        }
        JsonNode s = client.post().uri("/xrpc/com.atproto.server.createSession").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).body(Map.of("identifier", channel.getAccount(), "password", password))
                .retrieve().body(JsonNode.class);
        if (s == null || s.path("accessJwt").asText("").isEmpty()) {
            throw new IllegalStateException("Bluesky answered createSession without a token");
        }
        return new Session(s.path("accessJwt").asText(), s.path("did").asText(), s.path("handle").asText(channel.getAccount()));
    }

    @Override
    public Batch poll(Channel channel, String password, String cursor, OffsetDateTime backfillFrom) {
        OffsetDateTime now = EngineClock.now();
        RestClient client = client(channel);
        try {
            Session session = session(client, channel, password);
            OffsetDateTime seen = cursor == null ? null : MastodonInbound.time(cursor, null);
            List<InboundMessage> items = new ArrayList<>();
            String newest = cursor;
            String page = null;
            OffsetDateTime waitUntil = null;
            for (int i = 0; i < MAX_PAGES; i++) {
                String from = page;
                ResponseEntity<JsonNode> response = client.get().uri(u -> {
                            u.path("/xrpc/app.bsky.notification.listNotifications").queryParam("limit", PAGE);
                            if (from != null) {
                                u.queryParam("cursor", from);
                            }
                            return u.build();
                        }).header("Authorization", "Bearer " + session.jwt()).accept(MediaType.APPLICATION_JSON)
                        .retrieve().toEntity(JsonNode.class);
                waitUntil = RateLimited.exhausted(response.getHeaders(), now);
                JsonNode body = response.getBody();
                boolean older = false;
                for (JsonNode n : body == null ? List.<JsonNode>of() : iterable(body.path("notifications"))) {
                    OffsetDateTime indexed = MastodonInbound.time(n.path("indexedAt").asText(null), now);
                    if (seen != null ? !indexed.isAfter(seen) : backfillFrom != null && indexed.isBefore(backfillFrom)) {
                        older = true;
                        continue;
                    }
                    if (newest == null || indexed.isAfter(MastodonInbound.time(newest, indexed))) {
                        newest = indexed.toString();
                    }
                    String reason = n.path("reason").asText();
                    if ("reply".equals(reason) || "mention".equals(reason)) {
                        items.add(0, item(client, session, channel, n, indexed));
                    }
                }
                page = body == null ? null : body.path("cursor").asText(null);
                if (older || page == null || page.isBlank() || waitUntil != null) {
                    break;
                }
            }
            return new Batch(items, newest, waitUntil);
        } catch (RuntimeException e) {
            throw RateLimited.translate(e, now);
        }
    }

    private InboundMessage item(RestClient client, Session session, Channel channel, JsonNode n, OffsetDateTime at) {
        String uri = n.path("uri").asText();
        JsonNode record = n.path("record");
        JsonNode root = record.path("reply").path("root");
        String rootUri = root.path("uri").asText(null);
        String originalText = null;
        String originalUrl = null;
        if (rootUri != null) {
            JsonNode thread = client.get().uri(u -> u.path("/xrpc/app.bsky.feed.getPostThread").queryParam("uri", rootUri)
                            .queryParam("depth", 0).build())
                    .header("Authorization", "Bearer " + session.jwt()).accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(JsonNode.class);
            JsonNode post = thread == null ? null : thread.path("thread").path("post");
            if (post != null && !post.isMissingNode()) {
                originalText = post.path("record").path("text").asText(null);
                originalUrl = webUrl(post.path("author").path("handle").asText(""), rootUri);
            }
        }
        JsonNode author = n.path("author");
        String handle = author.path("handle").asText("unknown");
        return new InboundMessage(channel.getKey(), uri, n.path("cid").asText(null), rootUri != null ? rootUri : uri,
                rootUri, root.path("cid").asText(null), "@" + handle, blank(author.path("displayName").asText(null)), 0,
                record.path("text").asText(""), webUrl(handle, uri), null, originalText, originalUrl, at);
    }

    @Override
    public Sent send(Channel channel, Conversation conversation, ConversationReply reply, boolean earlierAttempt) {
        RestClient client = client(channel);
        Session session = session(client, channel, channels.credentialsOf(channel));
        String rkey = ReplyTid.of(reply.getWrittenAt().toInstant(), reply.getIdempotencyKey());
        if (earlierAttempt) {
            Optional<Sent> existing = existing(client, session, rkey);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Map<String, Object> parent = Map.of("uri", conversation.getReplyToId(), "cid", nz(conversation.getReplyToUri()));
        Map<String, Object> root = conversation.getReplyRootId() == null ? parent
                : Map.of("uri", conversation.getReplyRootId(), "cid", nz(conversation.getReplyRootUri()));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", COLLECTION);
        record.put("text", reply.getText());
        record.put("createdAt", EngineClock.now().format(DateTimeFormatter.ISO_INSTANT));
        record.put("reply", Map.of("root", root, "parent", parent));
        Map<String, Object> body = Map.of("repo", session.did(), "collection", COLLECTION, "rkey", rkey, "record", record);
        try {
            JsonNode created = client.post().uri("/xrpc/com.atproto.repo.createRecord")
                    .header("Authorization", "Bearer " + session.jwt()).contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
            if (created == null || created.path("uri").asText("").isEmpty()) {
                throw new IllegalStateException("Bluesky answered createRecord without a uri");
            }
            return new Sent(created.path("uri").asText(), webUrl(session.handle(), created.path("uri").asText()));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 400) {
                // the key may be taken by our own earlier attempt
                Optional<Sent> existing = existing(client, session, rkey);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            throw e;
        }
    }

    private Optional<Sent> existing(RestClient client, Session session, String rkey) {
        try {
            JsonNode r = client.get().uri(u -> u.path("/xrpc/com.atproto.repo.getRecord").queryParam("repo", session.did())
                            .queryParam("collection", COLLECTION).queryParam("rkey", rkey).build())
                    .header("Authorization", "Bearer " + session.jwt()).accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(JsonNode.class);
            String uri = r == null ? "" : r.path("uri").asText("");
            return uri.isEmpty() ? Optional.empty() : Optional.of(new Sent(uri, webUrl(session.handle(), uri)));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 400 || e.getStatusCode().value() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String webUrl(String handle, String atUri) {
        return "https://bsky.app/profile/" + handle + "/post/" + atUri.substring(atUri.lastIndexOf('/') + 1);
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array != null && array.isArray() ? array::elements : List.of();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
