package io.greenlight.publishing.bluesky;

import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.NetworkConnector;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.EngagementCounts;
import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.engine.EngineClock;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bluesky (any AT Protocol PDS): {@code com.atproto.server.createSession} with the account's app password, then
 * {@code com.atproto.repo.createRecord} of an {@code app.bsky.feed.post} with facets at UTF-8 byte offsets and a
 * record key (TID) that is the same on every retry. A retry after an unresolved attempt first asks
 * {@code com.atproto.repo.getRecord} whether the post is already there, so it never posts twice.
 */
@Component
class BlueskyPublisher extends NetworkConnector {

    public static final String NETWORK = "BLUESKY";
    static final String COLLECTION = "app.bsky.feed.post";

    public BlueskyPublisher(NetworkHttp http) {
        super(http, NETWORK, "Bluesky", Idempotency.LOOKUP, null);
    }

    record Session(String accessJwt, String did, String handle) {
    }

    @Override
    public PublishResult publish(PublishRequest request) {
        Channel channel = request.channel();
        String what = what(channel);
        RestClient client = client(channel);
        Session session = createSession(client, channel, request.credentials(), what);
        String rkey = request.recordKey();
        if (request.earlierAttemptUnresolved()) {
            Optional<PublishResult> existing = getRecord(client, session, rkey, what);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        String text = request.textWithLink();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", COLLECTION);
        record.put("text", text);
        record.put("createdAt", EngineClock.now().format(DateTimeFormatter.ISO_INSTANT));
        List<Map<String, Object>> facets = BlueskyFacets.of(text, handle -> resolveHandle(client, session, handle));
        if (!facets.isEmpty()) {
            record.put("facets", facets);
        }
        if (!request.media().isEmpty()) {
            record.put("embed", images(client, session, request.media(), what));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repo", session.did());
        body.put("collection", COLLECTION);
        body.put("rkey", rkey);
        body.put("record", record);
        try {
            JsonNode created = client.post().uri("/xrpc/com.atproto.repo.createRecord")
                    .header("Authorization", "Bearer " + session.accessJwt())
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .body(body).retrieve().body(JsonNode.class);
            if (created == null || created.path("uri").asText("").isEmpty()) {
                throw PublishException.unknown(what + " answered without a record uri", null);
            }
            return result(session, created.path("uri").asText(), rkey);
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 400) {
                // the record key may already be taken by our own earlier attempt
                Optional<PublishResult> existing = getRecord(client, session, rkey, what);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            throw http.translate(what, e, true);
        } catch (RuntimeException e) {
            throw http.translate(what, e, true);
        }
    }

    /** Bluesky shows at most 4 images per post. */
    static final int MAX_IMAGES = 4;

    /**
     * {@code com.atproto.repo.uploadBlob} per image (the raw bytes with their content type) → a blob reference, then an
     * {@code app.bsky.embed.images} embed with each image's alt text.
     */
    private Map<String, Object> images(RestClient client, Session session, List<MediaAttachment> media, String what) {
        PublishException.requireAtMostMedia(MAX_IMAGES, media.size(), what, "Bluesky");
        List<Map<String, Object>> images = new java.util.ArrayList<>();
        for (MediaAttachment attachment : media) {
            try {
                JsonNode uploaded = client.post().uri("/xrpc/com.atproto.repo.uploadBlob")
                        .header("Authorization", "Bearer " + session.accessJwt())
                        .contentType(NetworkHttp.mediaType(attachment))
                        .accept(MediaType.APPLICATION_JSON)
                        .body(attachment.bytes()).retrieve().body(JsonNode.class);
                if (uploaded == null || uploaded.path("blob").isMissingNode()) {
                    throw PublishException.retry(what + ": uploadBlob answered without a blob", null);
                }
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("alt", attachment.altText() == null ? "" : attachment.altText());
                image.put("image", uploaded.path("blob"));
                images.add(image);
            } catch (PublishException e) {
                throw e;
            } catch (RuntimeException e) {
                throw http.translate(what + " (image upload)", e, false);
            }
        }
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("$type", "app.bsky.embed.images");
        embed.put("images", images);
        return embed;
    }

    Session createSession(RestClient client, Channel channel, String appPassword, String what) {
        if (appPassword == null || channel.getAccount() == null) {
            throw PublishException.rejected(what + " needs an account (handle) and an app password");
        }
        try {
            JsonNode s = client.post().uri("/xrpc/com.atproto.server.createSession")
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .body(Map.of("identifier", channel.getAccount(), "password", appPassword))
                    .retrieve().body(JsonNode.class);
            if (s == null || s.path("accessJwt").asText("").isEmpty()) {
                throw PublishException.retry(what + ": createSession answered without a token", null);
            }
            return new Session(s.path("accessJwt").asText(), s.path("did").asText(), s.path("handle").asText(channel.getAccount()));
        } catch (RuntimeException e) {
            throw http.translate(what + " (sign-in)", e, false);
        }
    }

    private Optional<PublishResult> getRecord(RestClient client, Session session, String rkey, String what) {
        try {
            JsonNode record = client.get()
                    .uri(u -> u.path("/xrpc/com.atproto.repo.getRecord").queryParam("repo", session.did())
                            .queryParam("collection", COLLECTION).queryParam("rkey", rkey).build())
                    .header("Authorization", "Bearer " + session.accessJwt())
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
            if (record != null && !record.path("uri").asText("").isEmpty()) {
                return Optional.of(result(session, record.path("uri").asText(), rkey));
            }
            return Optional.empty();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 400 || e.getStatusCode().value() == 404) {
                return Optional.empty(); // RecordNotFound
            }
            throw http.translate(what + " (looking up an earlier attempt)", e, false);
        } catch (RuntimeException e) {
            throw http.translate(what + " (looking up an earlier attempt)", e, false);
        }
    }

    private String resolveHandle(RestClient client, Session session, String handle) {
        try {
            JsonNode r = client.get()
                    .uri(u -> u.path("/xrpc/com.atproto.identity.resolveHandle").queryParam("handle", handle).build())
                    .header("Authorization", "Bearer " + session.accessJwt())
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
            String did = r == null ? "" : r.path("did").asText("");
            return did.isEmpty() ? null : did;
        } catch (RuntimeException e) {
            return null; // an unknown handle stays plain text
        }
    }

    private static PublishResult result(Session session, String uri, String rkey) {
        return new PublishResult(uri, "https://bsky.app/profile/" + session.handle() + "/post/" + rkey);
    }

    /** {@code com.atproto.repo.deleteRecord} {repo, collection, rkey} of the post's at:// URI. */
    @Override
    public void delete(Channel channel, String credentials, String externalId) {
        String what = what(channel);
        RestClient client = client(channel);
        Session session = createSession(client, channel, credentials, what);
        String rkey = externalId.substring(externalId.lastIndexOf('/') + 1);
        try {
            client.post().uri("/xrpc/com.atproto.repo.deleteRecord")
                    .header("Authorization", "Bearer " + session.accessJwt())
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .body(Map.of("repo", session.did(), "collection", COLLECTION, "rkey", rkey))
                    .retrieve().toBodilessEntity();
        } catch (RuntimeException e) {
            throw http.translate(what, e, false);
        }
    }

    @Override
    public boolean hasMetrics() {
        return true;
    }

    @Override
    public Optional<EngagementCounts> metrics(Channel channel, String credentials, String externalId) {
        String what = what(channel);
        RestClient client = client(channel);
        Session session = createSession(client, channel, credentials, what);
        try {
            JsonNode posts = client.get()
                    .uri(u -> u.path("/xrpc/app.bsky.feed.getPosts").queryParam("uris", externalId).build())
                    .header("Authorization", "Bearer " + session.accessJwt())
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
            JsonNode post = posts == null ? null : posts.path("posts").path(0);
            if (post == null || post.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(new EngagementCounts(post.path("likeCount").asInt(), post.path("repostCount").asInt(),
                    post.path("replyCount").asInt()));
        } catch (RuntimeException e) {
            throw http.translate(what, e, false);
        }
    }
}
