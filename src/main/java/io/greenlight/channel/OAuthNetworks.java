package io.greenlight.channel;

import java.util.List;
import java.util.Optional;

/** The networks that connect accounts with OAuth 2.0 ({@link OAuthNetwork} beans), and their configured apps. */
class OAuthNetworks {

    private final List<OAuthNetwork> networks;
    private final OAuthProperties properties;

    OAuthNetworks(List<OAuthNetwork> networks, OAuthProperties properties) {
        this.networks = List.copyOf(networks);
        this.properties = properties;
    }

    Optional<OAuthNetwork> of(String network) {
        return networks.stream().filter(n -> n.network().equalsIgnoreCase(network)).findFirst();
    }

    /** The network's app when one is configured (a client id). */
    Optional<OAuthProperties.Provider> provider(String network) {
        return of(network).flatMap(properties::provider);
    }
}
