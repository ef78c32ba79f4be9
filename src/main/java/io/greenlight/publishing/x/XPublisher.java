package io.greenlight.publishing.x;

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
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * X (formerly Twitter), API v2 with an OAuth 2.0 user token ({@code tweet.write}): {@code POST /2/tweets}
 * {@code {"text", "media": {"media_ids": [...]}}} → 201 {@code {"data": {"id", "text"}}}. Images first go to
 * {@code POST /2/media/upload} (multipart {@code media}, {@code media_category=tweet_image}) and get their alt text
 * from {@code POST /2/media/metadata}. X has no idempotency key and no way to look a post up by our key, so an
 * unknown outcome is never retried blindly ({@link Idempotency#NONE}: a manager checks). Metrics from
 * {@code GET /2/tweets/:id?tweet.fields=public_metrics}. The API's address is the channel's base URL when set
 * (a test stub), else {@value #API}.
 */
@Component
class XPublisher extends NetworkConnector {

    public static final String NETWORK = "X";
    public static final String API = "https://api.x.com";
    /** X attaches at most 4 images (or 1 video). */
    static final int MAX_MEDIA = 4;

    public XPublisher(NetworkHttp http) {
        super(http, NETWORK, "X", Idempotency.NONE, API);
    }

    @Override
    public PublishResult publish(PublishRequest request) {
        Channel channel = request.channel();
        String what = what(channel);
        requireCredentials(request, "is not connected: connect the account on the channels page");
        PublishException.requireAtMostMedia(MAX_MEDIA, request.media().size(), what, "X");
        RestClient client = client(channel);
        List<String> mediaIds = new ArrayList<>();
        for (MediaAttachment attachment : request.media()) {
            mediaIds.add(upload(client, request.credentials(), attachment, what));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", request.textWithLink());
        if (!mediaIds.isEmpty()) {
            body.put("media", Map.of("media_ids", mediaIds));
        }
        try {
            JsonNode created = client.post().uri("/2/tweets")
                    .header("Authorization", "Bearer " + request.credentials())
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .body(body).retrieve().body(JsonNode.class);
            String id = created == null ? "" : created.path("data").path("id").asText("");
            if (id.isEmpty()) {
                throw PublishException.unknown(what + " answered without a post id", null);
            }
            String account = channel.getAccount() == null || channel.getAccount().isBlank() ? "i/web"
                    : channel.getAccount().replaceFirst("^@", "");
            return new PublishResult(id, "https://x.com/" + account + "/status/" + id);
        } catch (RuntimeException e) {
            throw http.translate(what, e, true);
        }
    }

    private String upload(RestClient client, String token, MediaAttachment attachment, String what) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("media", NetworkHttp.filePart(attachment));
        form.add("media_category", attachment.mimeType() != null && attachment.mimeType().startsWith("video/")
                ? "tweet_video" : "tweet_image");
        try {
            JsonNode uploaded = client.post().uri("/2/media/upload")
                    .header("Authorization", "Bearer " + token)
                    .contentType(MediaType.MULTIPART_FORM_DATA).accept(MediaType.APPLICATION_JSON)
                    .body(form).retrieve().body(JsonNode.class);
            String id = uploaded == null ? "" : uploaded.path("data").path("id").asText("");
            if (id.isEmpty()) {
                throw PublishException.retry(what + ": the media upload answered without a media id", null);
            }
            if (attachment.altText() != null && !attachment.altText().isBlank()) {
                client.post().uri("/2/media/metadata")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                        .body(Map.of("id", id, "metadata", Map.of("alt_text", Map.of("text", attachment.altText()))))
                        .retrieve().toBodilessEntity();
            }
            return id;
        } catch (RuntimeException e) {
            // an uploaded image is not a post: nothing is out yet
            throw http.translate(what + " (media upload)", e, false);
        }
    }

    @Override
    public boolean hasMetrics() {
        return true;
    }

    @Override
    public Optional<EngagementCounts> metrics(Channel channel, String credentials, String externalId) {
        if (credentials == null) {
            return Optional.empty();
        }
        try {
            JsonNode tweet = client(channel).get()
                    .uri(u -> u.path("/2/tweets/{id}").queryParam("tweet.fields", "public_metrics").build(externalId))
                    .header("Authorization", "Bearer " + credentials)
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
            JsonNode m = tweet == null ? null : tweet.path("data").path("public_metrics");
            if (m == null || m.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(new EngagementCounts(m.path("like_count").asInt(), m.path("retweet_count").asInt()
                    + m.path("quote_count").asInt(), m.path("reply_count").asInt()));
        } catch (RuntimeException e) {
            throw translate(what(channel), e, false);
        }
    }

    /** {@code DELETE /2/tweets/:id} → {@code {"data": {"deleted": true}}}. */
    @Override
    public void delete(Channel channel, String credentials, String externalId) {
        deleting(channel, () -> client(channel).delete().uri("/2/tweets/{id}", externalId)
                .header("Authorization", "Bearer " + credentials).retrieve().toBodilessEntity());
    }
}
