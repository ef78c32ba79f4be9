package io.greenlight.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which values of greenlight.base-url readers of a published post can reach. */
class PublicAddressTest {

    @Test
    void localAddressesAreNotPublic() {
        for (String local : new String[] {"", "http://localhost:8080", "http://LOCALHOST", "http://127.0.0.1:8080",
                "http://127.1.2.3", "http://[::1]:8080", "http://0.0.0.0:8080", "http://app.localhost", "ftp://example.com",
                "not a url", "https://"}) {
            assertThat(PublicAddress.isPublic(local)).as(local).isFalse();
        }
    }

    @Test
    void realAddressesArePublic() {
        assertThat(PublicAddress.isPublic("https://social.example.com")).isTrue();
        assertThat(PublicAddress.isPublic("http://10.0.0.5:8080")).as("a LAN address others can reach").isTrue();
        assertThat(PublicAddress.isPublic("https://[2001:db8::1]")).isTrue();
    }

    @Test
    void linksAreRelativeUntilThereIsAPublicAddress() {
        PublicAddress local = new PublicAddress("http://localhost:8080/");
        assertThat(local.link("/feed#entry-1")).isEqualTo("/feed#entry-1");
        assertThat(local.base()).isEmpty();
        assertThat(local.warning()).hasValueSatisfying(w -> assertThat(w).contains("http://localhost:8080"));
        assertThat(local.asConfigured("/inbox")).isEqualTo("http://localhost:8080/inbox");

        PublicAddress real = new PublicAddress("https://social.example.com/");
        assertThat(real.link("/feed#entry-1")).isEqualTo("https://social.example.com/feed#entry-1");
        assertThat(real.warning()).isEmpty();
    }
}
