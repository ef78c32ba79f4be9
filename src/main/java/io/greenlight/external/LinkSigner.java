package io.greenlight.external;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs and checks review links: {@code <link id>.<HMAC-SHA256>} where the MAC covers everything the link is bound to
 * (link id, post, content version, content hash, task, approver, expiry). Changing any of them, or any character of the
 * link, makes the MAC wrong. The key is {@code greenlight.external-review.link-key}, or derived from
 * {@code greenlight.secret-key} (HMAC of a fixed label), or — only in demo mode — a publicly known demo key.
 */
@Component
@EnableConfigurationProperties(ExternalReviewProperties.class)
public class LinkSigner {

    private static final Logger LOG = LoggerFactory.getLogger(LinkSigner.class);
    private static final Pattern TOKEN = Pattern.compile("^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([A-Za-z0-9_-]{43})$");
    private static final String LABEL = "greenlight external review links v1";

    private final byte[] key;

    public LinkSigner(ExternalReviewProperties properties, @Value("${greenlight.secret-key:}") String secretKey,
                      @Value("${greenlight.demo:false}") boolean demo) {
        this.key = key(properties.linkKey(), secretKey, demo);
    }

    static byte[] key(String linkKey, String secretKey, boolean demo) {
        if (linkKey != null && !linkKey.isBlank()) {
            byte[] bytes = decode(linkKey, "greenlight.external-review.link-key");
            if (bytes.length < 32) {
                throw new IllegalStateException("greenlight.external-review.link-key must be base64 of at least 32 bytes "
                        + "(openssl rand -base64 32)");
            }
            return bytes;
        }
        if (secretKey != null && !secretKey.isBlank()) {
            return hmac(decode(secretKey, "greenlight.secret-key"), LABEL);
        }
        if (!demo) {
            throw new IllegalStateException("External review links need a key: set greenlight.external-review.link-key "
                    + "or greenlight.secret-key (openssl rand -base64 32)");
        }
        LOG.warn("No greenlight.secret-key: demo mode signs external review links with a publicly known demo key");
        return hmac("greenlight-demo-key-not-secret".getBytes(StandardCharsets.UTF_8), LABEL);
    }

    public String sign(ExternalReviewLink link) {
        return link.getId() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(link));
    }

    /** The link id of a well-formed token, before its signature is checked against the stored link. */
    public Optional<String> linkId(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(token);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether the token is exactly the one signed for this link, character for character (constant-time comparison). */
    public boolean verify(String token, ExternalReviewLink link) {
        Matcher m = TOKEN.matcher(token == null ? "" : token);
        if (!m.matches() || !m.group(1).equals(link.getId())) {
            return false;
        }
        // compare the encoded form: Base64 decoding ignores the unused low bits of the last character, so
        // "...3B" and "...3A" would decode to the same MAC (a second spelling of one token is still a tampered link)
        byte[] given = m.group(2).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] expected = Base64.getUrlEncoder().withoutPadding().encode(mac(link));
        return MessageDigest.isEqual(given, expected);
    }

    private byte[] mac(ExternalReviewLink link) {
        String bound = String.join("\n", "v1", link.getId(), link.getPostId(), Integer.toString(link.getContentVersion()),
                link.getContentHash(), link.getTaskId(), link.getApproverEmail(),
                Long.toString(link.getExpiresAt().toEpochSecond()));
        return hmac(key, bound);
    }

    private static byte[] hmac(byte[] key, String data) {
        return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, key).hmac(data);
    }

    private static byte[] decode(String base64, String property) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " must be base64 (openssl rand -base64 32)");
        }
    }
}
