package io.greenlight.security;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts channel credentials at rest with AES-256-GCM. The key comes from {@code greenlight.secret-key}
 * (environment variable {@code GREENLIGHT_SECRET_KEY}): base64 of 32 random bytes ({@code openssl rand -base64 32}).
 * Outside demo mode Greenlight refuses to start without it; in demo mode a fixed, publicly known demo key is used
 * (and logged as such), so demo credentials are never really secret.
 * <p>
 * Stored form: {@code v1:} + base64(12-byte nonce ‖ ciphertext ‖ 16-byte tag).
 */
@Component
public class SecretBox {

    private static final Logger LOG = LoggerFactory.getLogger(SecretBox.class);
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(@Value("${greenlight.secret-key:}") String secretKey, @Value("${greenlight.demo:false}") boolean demo) {
        this.key = new SecretKeySpec(keyBytes(secretKey, demo), "AES");
    }

    static byte[] keyBytes(String secretKey, boolean demo) {
        if (secretKey == null || secretKey.isBlank()) {
            if (!demo) {
                throw new IllegalStateException("greenlight.secret-key (environment variable GREENLIGHT_SECRET_KEY) is not set. "
                        + "Greenlight encrypts channel credentials with it and refuses to start without one outside demo mode. "
                        + "Create one with: openssl rand -base64 32");
            }
            LOG.warn("greenlight.secret-key is not set: demo mode encrypts channel credentials with a publicly known demo key");
            return sha256("greenlight-demo-key-not-secret");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secretKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("greenlight.secret-key must be base64 of 32 bytes (openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("greenlight.secret-key must be base64 of 32 bytes, not " + bytes.length
                    + " (openssl rand -base64 32)");
        }
        return bytes;
    }

    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt credentials", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Credentials are not in the expected encrypted form");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Channel credentials cannot be decrypted: was greenlight.secret-key changed?");
        }
    }

    private static byte[] sha256(String s) {
        return DigestUtils.sha256(s);
    }
}
