package io.greenlight.asset;

import io.greenlight.engine.EngineClock;
import io.greenlight.web.PublicAddress;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Signed, expiring links to the media of an approved post, for networks that fetch media themselves (Instagram and
 * Threads take an {@code image_url} / {@code video_url} and download it from there): {@code <greenlight.base-url>
 * /media/signed/{postId}/{channel}/{assetId}.{ext}?expires={epoch seconds}&signature={HMAC-SHA256}}. The MAC covers
 * post, channel, asset and expiry, so a link opens exactly that file of that variant until it expires
 * ({@code greenlight.assets.public-link-ttl}, default an hour), and nothing else in the library. The key is derived
 * from {@code greenlight.secret-key} (HMAC of a fixed label), in demo mode from the publicly known demo key. Without
 * a public {@code greenlight.base-url} there are no such links (the networks could not reach them).
 */
@Component
public class PublicMediaLinks {

    private static final Logger LOG = LoggerFactory.getLogger(PublicMediaLinks.class);
    private static final String LABEL = "greenlight public media links v1";
    static final String PATH = "/media/signed/";

    private final PublicAddress address;
    private final Duration ttl;
    private final byte[] key;

    public PublicMediaLinks(PublicAddress address, @Value("${greenlight.secret-key:}") String secretKey,
                            @Value("${greenlight.demo:false}") boolean demo,
                            @Value("${greenlight.assets.public-link-ttl:PT1H}") Duration ttl) {
        this.address = address;
        this.ttl = ttl;
        this.key = key(secretKey, demo);
    }

    static byte[] key(String secretKey, boolean demo) {
        if (secretKey != null && !secretKey.isBlank()) {
            try {
                return hmac(Base64.getDecoder().decode(secretKey.trim()), LABEL);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("greenlight.secret-key must be base64 (openssl rand -base64 32)");
            }
        }
        if (!demo) {
            throw new IllegalStateException("Signed media links need greenlight.secret-key (openssl rand -base64 32)");
        }
        LOG.warn("No greenlight.secret-key: demo mode signs public media links with a publicly known demo key");
        return hmac("greenlight-demo-key-not-secret".getBytes(StandardCharsets.UTF_8), LABEL);
    }

    /** The signed link to this asset of the post's variant for the channel; empty while there is no public address. */
    public Optional<String> link(String postId, String channel, Asset asset) {
        return address.base().map(base -> {
            long expires = EngineClock.now().plus(ttl).toEpochSecond();
            return base + PATH + postId + "/" + channel + "/" + asset.getId() + "." + extension(asset.getMimeType())
                    + "?expires=" + expires + "&signature=" + signature(postId, channel, asset.getId(), expires);
        });
    }

    /** Whether the signature is the one made for these values (constant-time) and the link has not expired. */
    public boolean valid(String postId, String channel, long assetId, long expires, String signature) {
        if (signature == null || EngineClock.now().toEpochSecond() > expires) {
            return false;
        }
        return MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                signature(postId, channel, assetId, expires).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the link's time is up (an otherwise good link). */
    public boolean expired(long expires) {
        return EngineClock.now().toEpochSecond() > expires;
    }

    private String signature(String postId, String channel, long assetId, long expires) {
        String bound = String.join("\n", "v1", postId, channel, Long.toString(assetId), Long.toString(expires));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, bound));
    }

    /** A file extension for the type, since some fetchers look at it: jpg, png, mp4, mov, … */
    static String extension(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "image/jpeg", "image/jpg" -> "jpg";
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            case "video/mp4" -> "mp4";
            case "video/quicktime" -> "mov";
            default -> "bin";
        };
    }

    private static byte[] hmac(byte[] key, String data) {
        return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, key).hmac(data);
    }
}
