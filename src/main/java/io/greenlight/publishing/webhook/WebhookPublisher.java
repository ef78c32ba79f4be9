package io.greenlight.publishing.webhook;

import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.NetworkConnector;
import io.greenlight.publishing.NetworkHttp;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.channel.Channel;
import io.greenlight.engine.EngineClock;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic webhook for anything else (Zapier, n8n, an in-house system): {@code POST} of a JSON body to the
 * channel's URL, signed with HMAC-SHA256 of {@code timestamp + "." + body} under the channel's secret:
 * headers {@code X-Greenlight-Timestamp}, {@code X-Greenlight-Signature: sha256=<hex>} and {@code Idempotency-Key}.
 * A receiver may answer {@code {"id": "...", "url": "..."}}. Greenlight cannot know whether a receiver honours the
 * key, so an unknown outcome is never retried blindly: a manager checks ({@code check-publication}).
 */
@Component
class WebhookPublisher extends NetworkConnector {

    public static final String NETWORK = "WEBHOOK";

    private final ObjectMapper json = new ObjectMapper();

    public WebhookPublisher(NetworkHttp http) {
        super(http, NETWORK, "Webhook", Idempotency.NONE, null);
    }

    /** A webhook's receiver has no delete: a person removes what it published. */
    @Override
    public boolean canDelete() {
        return false;
    }

    @Override
    public PublishResult publish(PublishRequest request) {
        Channel channel = request.channel();
        String what = what(channel);
        requireCredentials(request, "has no signing secret");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "post.published");
        payload.put("idempotencyKey", request.idempotencyKey());
        payload.put("postId", request.post().getId());
        payload.put("channel", channel.getKey());
        payload.put("title", request.post().getTitle());
        payload.put("text", request.variant().getText());
        payload.put("link", request.variant().getLink());
        payload.put("author", request.post().getAuthor());
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String timestamp = String.valueOf(EngineClock.now().toEpochSecond());
        String response;
        try {
            response = client(channel).post()
                    .header("X-Greenlight-Timestamp", timestamp)
                    .header("X-Greenlight-Signature", "sha256=" + sign(request.credentials(), timestamp + "." + body))
                    .header("Idempotency-Key", request.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body).retrieve().body(String.class);
        } catch (RuntimeException e) {
            throw http.translate(what, e, true);
        }
        // delivered (2xx): whatever the receiver answered, the post is out
        JsonNode answer = null;
        try {
            answer = response == null || response.isBlank() ? null : json.readTree(response);
        } catch (JsonProcessingException ignored) {
            // a receiver may answer plain text
        }
        {
            String id = answer == null ? "" : answer.path("id").asText("");
            String url = answer == null ? "" : answer.path("url").asText("");
            return new PublishResult(id.isEmpty() ? request.idempotencyKey() : id, url.isEmpty() ? null : url);
        }
    }

    public static String sign(String secret, String data) {
        return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmacHex(data);
    }
}
