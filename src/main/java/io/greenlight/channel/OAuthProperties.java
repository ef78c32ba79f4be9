package io.greenlight.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth 2.0 apps for the networks that connect accounts that way ({@code greenlight.oauth.*}, docs/configuration.md):
 * {@code greenlight.oauth.networks.x.client-id=…}, {@code client-secret}, and optionally {@code authorize-url},
 * {@code token-url}, {@code scopes} (the networks' documented endpoints are the defaults). A network without a
 * client id cannot be connected (its channels take a pasted token instead).
 *
 * @param networks         per network (x, linkedin, facebook: the {@link OAuthNetwork}s there are), by lower-case name
 * @param redirectBaseUrl  Greenlight's public address for the callback (default: taken from the request)
 * @param refreshBefore    refresh an access token this long before it expires
 * @param warnBefore       warn managers this long before a token that cannot be refreshed expires
 */
@ConfigurationProperties("greenlight.oauth")
public record OAuthProperties(Map<String, Client> networks, String redirectBaseUrl, Duration refreshBefore,
                              Duration warnBefore) {

    public OAuthProperties {
        networks = networks == null ? Map.of() : Map.copyOf(networks);
        refreshBefore = refreshBefore == null ? Duration.ofMinutes(10) : refreshBefore;
        warnBefore = warnBefore == null ? Duration.ofDays(7) : warnBefore;
    }

    /** One network's OAuth app; blank URLs and scopes fall back to the network's documented ones. */
    public record Client(String clientId, String clientSecret, String authorizeUrl, String tokenUrl, String scopes) {
    }

    /** The resolved app of a network: configured values over the network's documented ones. */
    public record Provider(OAuthNetwork network, String clientId, String clientSecret, String authorizeUrl, String tokenUrl,
                           String scopes) {
        public boolean pkce() {
            return network.pkce();
        }

        /** The network's name, as in {@code channel.network}. */
        public String name() {
            return network.network();
        }
    }

    /** The configured app of this network; empty when it has no client id. */
    public Optional<Provider> provider(OAuthNetwork n) {
        Client c = networks.get(n.network().toLowerCase(Locale.ROOT));
        if (c == null || c.clientId() == null || c.clientId().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Provider(n, c.clientId(), c.clientSecret(), or(c.authorizeUrl(), n.authorizeUrl()),
                or(c.tokenUrl(), n.tokenUrl()), or(c.scopes(), n.scopes())));
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
