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
 * @param networks         per network (x, linkedin, facebook)
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

    /** The documented endpoints of each network (X uses PKCE; Facebook has no refresh tokens but long-lived Page tokens). */
    public enum Network {
        X("https://x.com/i/oauth2/authorize", "https://api.x.com/2/oauth2/token",
                "tweet.read tweet.write users.read media.write offline.access", true),
        LINKEDIN("https://www.linkedin.com/oauth/v2/authorization", "https://www.linkedin.com/oauth/v2/accessToken",
                "w_member_social w_organization_social", false),
        FACEBOOK("https://www.facebook.com/v21.0/dialog/oauth", "https://graph.facebook.com/v21.0/oauth/access_token",
                "pages_show_list pages_manage_posts pages_read_engagement", false);

        final String authorizeUrl;
        final String tokenUrl;
        final String scopes;
        final boolean pkce;

        Network(String authorizeUrl, String tokenUrl, String scopes, boolean pkce) {
            this.authorizeUrl = authorizeUrl;
            this.tokenUrl = tokenUrl;
            this.scopes = scopes;
            this.pkce = pkce;
        }

        public static Optional<Network> of(String network) {
            for (Network n : values()) {
                if (n.name().equalsIgnoreCase(network)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
    }

    /** The resolved app of a network: configured values over the documented defaults. */
    public record Provider(Network network, String clientId, String clientSecret, String authorizeUrl, String tokenUrl,
                           String scopes) {
        public boolean pkce() {
            return network.pkce;
        }
    }

    public Optional<Provider> provider(String network) {
        return Network.of(network).flatMap(n -> {
            Client c = networks.get(n.name().toLowerCase(Locale.ROOT));
            if (c == null || c.clientId() == null || c.clientId().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Provider(n, c.clientId(), c.clientSecret(), or(c.authorizeUrl(), n.authorizeUrl),
                    or(c.tokenUrl(), n.tokenUrl), or(c.scopes(), n.scopes)));
        });
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
