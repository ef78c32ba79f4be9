package io.greenlight.security;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Channel credentials at rest: AES-256-GCM with a key from greenlight.secret-key (GREENLIGHT_SECRET_KEY). */
class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void encryptsWithAFreshNonceAndDecryptsBack() {
        SecretBox box = new SecretBox(KEY, false);
        String a = box.encrypt("token-123");
        String b = box.encrypt("token-123");
        assertThat(a).startsWith("v1:").doesNotContain("token-123").isNotEqualTo(b);
        assertThat(box.decrypt(a)).isEqualTo("token-123");
        assertThat(box.decrypt(b)).isEqualTo("token-123");
    }

    @Test
    void anotherKeyOrATamperedValueCannotBeRead() {
        String sealed = new SecretBox(KEY, false).encrypt("token-123");
        byte[] other = new byte[32];
        other[0] = 1;
        SecretBox otherBox = new SecretBox(Base64.getEncoder().encodeToString(other), false);
        assertThatThrownBy(() -> otherBox.decrypt(sealed)).hasMessageContaining("greenlight.secret-key");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 1);
        assertThatThrownBy(() -> new SecretBox(KEY, false).decrypt(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void outsideDemoModeThereIsNoStartWithoutAKey() {
        assertThatThrownBy(() -> new SecretBox("", false)).hasMessageContaining("GREENLIGHT_SECRET_KEY")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> new SecretBox(null, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox("c2hvcnQ=", false)).hasMessageContaining("32 bytes");
        assertThat(new SecretBox("", true).decrypt(new SecretBox("", true).encrypt("demo"))).isEqualTo("demo");
    }
}
