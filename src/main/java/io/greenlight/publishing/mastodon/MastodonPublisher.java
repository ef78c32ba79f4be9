package io.greenlight.publishing.mastodon;

import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.NetworkConnector;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.EngagementCounts;
import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mastodon (any server): {@code POST /api/v1/statuses} with a bearer token and an {@code Idempotency-Key} stable per
 * post, channel and content version, so a retry within the hour Mastodon keeps the key returns the same status.
 * Limits come from {@code GET /api/v2/instance}; metrics from {@code GET /api/v1/statuses/:id}.
 */
@Component
class MastodonPublisher extends NetworkConnector {

    public static final String NETWORK = "MASTODON";

    public MastodonPublisher(NetworkHttp http) {
        super(http, NETWORK, "Mastodon", Idempotency.KEY_FOR_AN_HOUR, null);
    }

    @Override
    public PublishResult publish(PublishRequest request) {
        Channel channel = request.channel();
        String what = what(channel);
        requireCredentials(request, "has no access token; add one in the channel settings");
        List<String> mediaIds = new ArrayList<>();
        for (MediaAttachment attachment : request.media()) {
            mediaIds.add(upload(channel, request.credentials(), attachment, what));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", request.textWithLink());
        body.put("visibility", "public");
        if (!mediaIds.isEmpty()) {
            body.put("media_ids", mediaIds);
        }
        try {
            JsonNode status = client(channel).post().uri("/api/v1/statuses")
                    .header("Authorization", "Bearer " + request.credentials())
                    .header("Idempotency-Key", request.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .body(body).retrieve().body(JsonNode.class);
            if (status == null || status.path("id").asText("").isEmpty()) {
                throw PublishException.unknown(what + " answered without a status id", null);
            }
            return new PublishResult(status.path("id").asText(), status.path("url").asText(status.path("uri").asText(null)));
        } catch (RuntimeException e) {
            throw http.translate(what, e, true);
        }
    }

    /**
     * {@code POST /api/v2/media} (multipart {@code file}, {@code description} = alt text): 200 when processed, 202 while
     * the server still processes it ({@code url} null) — then {@code GET /api/v1/media/:id} until it is ready.
     */
    private String upload(Channel channel, String token, MediaAttachment attachment, String what) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", NetworkHttp.filePart(attachment));
        if (attachment.altText() != null && !attachment.altText().isBlank()) {
            form.add("description", attachment.altText());
        }
        RestClient client = client(channel);
        try {
            ResponseEntity<JsonNode> uploaded = client.post().uri("/api/v2/media")
                    .header("Authorization", "Bearer " + token)
                    .contentType(MediaType.MULTIPART_FORM_DATA).accept(MediaType.APPLICATION_JSON)
                    .body(form).retrieve().toEntity(JsonNode.class);
            String id = uploaded.getBody() == null ? "" : uploaded.getBody().path("id").asText("");
            if (id.isEmpty()) {
                throw PublishException.retry(what + ": the media upload answered without an id", null);
            }
            for (int poll = 0; uploaded.getStatusCode().value() == 202 && poll < MEDIA_POLLS; poll++) {
                pause(MEDIA_POLL_INTERVAL);
                uploaded = client.get().uri("/api/v1/media/{id}", id).header("Authorization", "Bearer " + token)
                        .accept(MediaType.APPLICATION_JSON).retrieve().toEntity(JsonNode.class);
            }
            if (uploaded.getStatusCode().value() == 206 || uploaded.getStatusCode().value() == 202) {
                throw PublishException.retry(what + ": the server is still processing the media; trying again later", null);
            }
            return id;
        } catch (RuntimeException e) {
            // an uploaded file is not a post: nothing is out yet
            throw http.translate(what + " (media upload)", e, false);
        }
    }

    static final int MEDIA_POLLS = 10;
    static final Duration MEDIA_POLL_INTERVAL = Duration.ofMillis(500);

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retry("Interrupted while the media was processed", null);
        }
    }

    @Override
    public boolean hasMetrics() {
        return true;
    }

    @Override
    public Optional<EngagementCounts> metrics(Channel channel, String credentials, String externalId) {
        try {
            JsonNode status = client(channel).get().uri("/api/v1/statuses/{id}", externalId)
                    .headers(h -> {
                        if (credentials != null) {
                            h.setBearerAuth(credentials);
                        }
                    })
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
            if (status == null) {
                return Optional.empty();
            }
            return Optional.of(new EngagementCounts(status.path("favourites_count").asInt(),
                    status.path("reblogs_count").asInt(), status.path("replies_count").asInt()));
        } catch (RuntimeException e) {
            throw translate(what(channel), e, false);
        }
    }

    /** {@code DELETE /api/v1/statuses/:id}. */
    @Override
    public void delete(Channel channel, String credentials, String externalId) {
        deleting(channel, () -> client(channel).delete().uri("/api/v1/statuses/{id}", externalId)
                .header("Authorization", "Bearer " + credentials).retrieve().toBodilessEntity());
    }

    /** What a Mastodon server allows, from {@code GET /api/v2/instance}. */
    public record InstanceLimits(int maxCharacters, int charactersReservedPerUrl, int maxMediaAttachments) {
    }

    public InstanceLimits instanceLimits(String baseUrl) {
        try {
            JsonNode instance = http.client(baseUrl).get().uri("/api/v2/instance").accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(JsonNode.class);
            JsonNode config = instance == null ? null : instance.path("configuration");
            if (config == null || config.path("statuses").path("max_characters").isMissingNode()) {
                throw PublishException.rejected("The Mastodon server at " + baseUrl + " did not describe its limits");
            }
            return new InstanceLimits(config.path("statuses").path("max_characters").asInt(),
                    config.path("statuses").path("characters_reserved_per_url").asInt(23),
                    config.path("statuses").path("max_media_attachments").asInt(4));
        } catch (RuntimeException e) {
            throw http.translate("The Mastodon server at " + baseUrl, e, false);
        }
    }
}
