package io.greenlight.channel;

import java.time.Duration;

/**
 * What one network's OAuth 2.0 "connect account" needs beyond the generic flow of {@link OAuthConnections}: its
 * documented endpoints and scopes, and its quirks at the token endpoint. The networks' own packages implement it
 * as beans, next to their connectors, so this module needs to know none of them.
 */
public interface OAuthNetwork {

    /** The network, as in {@code channel.network} (e.g. {@code X}). */
    String network();

    /** The documented authorization endpoint ({@code greenlight.oauth.networks.<network>.authorize-url} overrides it). */
    String authorizeUrl();

    /** The documented token endpoint ({@code ...token-url} overrides it). */
    String tokenUrl();

    /** The scopes to ask for, space-separated ({@code ...scopes} overrides them). */
    String scopes();

    /** Whether the authorization uses PKCE (S256). */
    default boolean pkce() {
        return false;
    }

    /** The {@code scope} parameter of the authorization URL. */
    default String scopeParameter(String scopes) {
        return scopes;
    }

    /** Whether the app authenticates at the token endpoint with HTTP Basic rather than {@code client_secret} in the form. */
    default boolean basicClientAuthentication() {
        return false;
    }

    /**
     * The network whose configured app ({@code greenlight.oauth.networks.<app>.client-id}) this one signs in with when
     * it has none of its own: Instagram connects through Facebook Login, with the same Meta app as Facebook Pages.
     */
    default String app() {
        return network();
    }

    /**
     * How long before it expires a token is refreshed: {@code configured} ({@code greenlight.oauth.refresh-before}),
     * or longer where a network's tokens live for weeks and a missed refresh is not retried within minutes.
     */
    default Duration refreshBefore(Duration configured) {
        return configured;
    }

    /** A new token set for the stored refresh token; by default the standard {@code refresh_token} grant. */
    default OAuthTokenEndpoint.Tokens refresh(OAuthTokenEndpoint endpoint, OAuthProperties.Provider provider, Channel channel,
                                              String refreshToken) {
        return endpoint.request(provider, endpoint.form("refresh_token", provider).with("refresh_token", refreshToken));
    }

    /** The tokens to store for an authorization code; by default the standard {@code authorization_code} grant. */
    default OAuthTokenEndpoint.Tokens exchange(OAuthTokenEndpoint endpoint, OAuthProperties.Provider provider,
                                               Channel channel, String code, String redirectUri, String codeVerifier) {
        return endpoint.request(provider, endpoint.form("authorization_code", provider)
                .with("code", code).with("redirect_uri", redirectUri).with("code_verifier", codeVerifier));
    }
}
