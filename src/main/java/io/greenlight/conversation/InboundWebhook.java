package io.greenlight.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.SecretBox;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Items from other tools: {@code POST /api/inbound/{channel}} with a JSON body and the header
 * {@code X-Greenlight-Signature: sha256=<hex HMAC-SHA256 of the exact body with the channel's secret>}. Body:
 * {@code {"id", "author", "text", "authorName"?, "followers"?, "url"?, "thread"?, "receivedAt"?, "originalText"?}}.
 * Checked in this order, each refusal changes nothing: size (at most {@link #MAX_BODY} bytes, 413), a secret for the
 * channel (404), the signature (401), JSON (400: one object, strings as strings, {@code followers} a whole number),
 * the item itself (400, as the inbox checks every item).
 */
@Service
@Transactional
public class InboundWebhook {

    public static final String SIGNATURE_HEADER = "X-Greenlight-Signature";
    public static final int MAX_BODY = 64 * 1024;

    private final InboundSourceRepository sources;
    private final SecretBox secrets;
    private final Inbox inbox;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    InboundWebhook(InboundSourceRepository sources, SecretBox secrets, Inbox inbox, ObjectMapper json) {
        this.sources = sources;
        this.secrets = secrets;
        this.inbox = inbox;
        this.json = json;
    }

    /** A new secret for the channel's webhook (managers); shown once, stored sealed. */
    public String rotateSecret(CurrentUser user, String channel, boolean channelExists) {
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers set up inbound webhooks.");
        }
        if (!channelExists) {
            throw UserFacingException.notFound("There is no channel '" + channel + "'.");
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = HexFormat.of().formatHex(raw);
        InboundSource source = sources.findById(channel)
                .orElseGet(() -> sources.save(new InboundSource(channel, EngineClock.now())));
        source.webhookSecret(secrets.encrypt(secret));
        return secret;
    }

    /** Stores the signed item; false when the channel already had it. */
    public boolean receive(String channel, byte[] body, String signature) {
        if (body.length > MAX_BODY) {
            throw new UserFacingException(HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + MAX_BODY + " bytes.");
        }
        String sealed = sources.findById(channel).map(InboundSource::getWebhookSecret).orElse(null);
        if (sealed == null) {
            throw UserFacingException.notFound("Channel '" + channel + "' takes no webhook items (no secret is set up).");
        }
        String expected = "sha256=" + new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secrets.decrypt(sealed)).hmacHex(body);
        if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new UserFacingException(HttpStatus.UNAUTHORIZED,
                    "The signature is missing or wrong: send " + SIGNATURE_HEADER + ": sha256=<HMAC-SHA256 of the body>.");
        }
        JsonNode item;
        try {
            item = json.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(body, JsonNode.class);
        } catch (Exception e) {
            throw UserFacingException.invalid("The body is not JSON.");
        }
        if (item == null || !item.isObject()) {
            throw UserFacingException.invalid("Send one item as a JSON object: {\"id\", \"author\", \"text\", …}.");
        }
        Optional<Conversation> stored = inbox.receive(new InboundMessage(channel, text(item, "id"), null, text(item, "thread"),
                null, null, text(item, "author"), text(item, "authorName"), followers(item), text(item, "text"),
                text(item, "url"), null, text(item, "originalText"), text(item, "originalUrl"), time(item)));
        return stored.isPresent();
    }

    private static String text(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw UserFacingException.invalid(field + ": must be a string, e.g. \"" + field + "\": \"…\".");
        }
        return v.asText();
    }

    /** The author's follower count: a whole number from 0 to 2,147,483,647, or absent (0). */
    private static int followers(JsonNode item) {
        JsonNode v = item.get("followers");
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw UserFacingException.invalid("followers: must be a whole number from 0 to 2147483647.");
        }
        return v.asInt();
    }

    private static OffsetDateTime time(JsonNode item) {
        String at = text(item, "receivedAt");
        if (at == null) {
            return EngineClock.now();
        }
        try {
            return OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            throw UserFacingException.invalid("receivedAt: an ISO-8601 time with an offset, e.g. 2026-11-22T09:00:00Z.");
        }
    }
}
