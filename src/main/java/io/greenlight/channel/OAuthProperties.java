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
 * @param networks         per network (x, linkedin, facebook, instagram, threads: the {@link OAuthNetwork}s there are), by
 *                         lower-case name; instagram uses facebook's app unless it has one of its own
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

    /**
     * The configured app of this network; empty when it has no client id. A network without an app of its own uses
     * the app of {@link OAuthNetwork#app()} (Instagram: Facebook's Meta app), with its endpoints but never its scopes.
     */
    public Optional<Provider> provider(OAuthNetwork n) {
        Client own = networks.get(n.network().toLowerCase(Locale.ROOT));
        Client shared = n.app() == null || n.app().equalsIgnoreCase(n.network()) ? null
                : networks.get(n.app().toLowerCase(Locale.ROOT));
        Client app = hasId(own) ? own : hasId(shared) ? shared : null;
        if (app == null) {
            return Optional.empty();
        }
        return Optional.of(new Provider(n, app.clientId(), app.clientSecret(),
                or(own == null ? null : own.authorizeUrl(), or(shared == null ? null : shared.authorizeUrl(), n.authorizeUrl())),
                or(own == null ? null : own.tokenUrl(), or(shared == null ? null : shared.tokenUrl(), n.tokenUrl())),
                or(own == null ? null : own.scopes(), n.scopes())));
    }

    private static boolean hasId(Client c) {
        return c != null && c.clientId() != null && !c.clientId().isBlank();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
