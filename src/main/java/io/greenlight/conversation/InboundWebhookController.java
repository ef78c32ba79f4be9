package io.greenlight.conversation;

import io.greenlight.channel.ChannelRepository;
import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The signed inbound webhook ({@link InboundWebhook}; no sign-in, the signature is the credential) and, for managers,
 * a new secret per channel.
 */
@RestController
class InboundWebhookController {

    private final InboundWebhook webhook;
    private final ChannelRepository channels;

    InboundWebhookController(InboundWebhook webhook, ChannelRepository channels) {
        this.webhook = webhook;
        this.channels = channels;
    }

    @PostMapping("/api/inbound/{channel}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String channel, HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new UserFacingException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the item as JSON (Content-Type: application/json).");
        }
        if (request.getContentLengthLong() > InboundWebhook.MAX_BODY) {
            throw new UserFacingException(HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + InboundWebhook.MAX_BODY + " bytes.");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(InboundWebhook.MAX_BODY + 1);
        }
        boolean stored = webhook.receive(channel, body, request.getHeader(InboundWebhook.SIGNATURE_HEADER));
        return ResponseEntity.status(stored ? HttpStatus.ACCEPTED : HttpStatus.OK).body(Map.of("stored", stored));
    }

    @PostMapping("/api/community/channels/{channel}/webhook-secret")
    Map<String, String> rotate(@PathVariable String channel) {
        return Map.of("channel", channel, "secret", webhook.rotateSecret(CurrentUser.get(), channel, channels.existsById(channel)),
                "header", InboundWebhook.SIGNATURE_HEADER);
    }
}
