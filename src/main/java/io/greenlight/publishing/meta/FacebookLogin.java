package io.greenlight.publishing.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.channel.OAuthNetwork;
import io.greenlight.channel.OAuthProperties;
import io.greenlight.channel.OAuthTokenEndpoint;
import io.greenlight.publishing.NetworkHttp;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Facebook Login, shared by the Facebook Page and Instagram connections (one Meta app): the dialog and token endpoint
 * of a Graph API version, scopes comma-separated, and the code exchange: the code for a short-lived user token
 * ({@code GET /oauth/access_token}), that for a long-lived one ({@code grant_type=fb_exchange_token}, about 60 days),
 * from which Page tokens that do not expire are read ({@link #graph}).
 */
public abstract class FacebookLogin implements OAuthNetwork {

    /** The Graph API. */
    public static final String GRAPH = "https://graph.facebook.com";

    /** A connection of {@code network} at a Graph API {@code version} (e.g. {@code v24.0}), asking for {@code scopes}. */
    public record Connection(String network, String version, String scopes) {
    }

    private final Connection connection;

    protected FacebookLogin(Connection connection) {
        this.connection = connection;
    }

    @Override
    public String network() {
        return connection.network();
    }

    @Override
    public String scopes() {
        return connection.scopes();
    }

    @Override
    public String authorizeUrl() {
        return "https://www.facebook.com/" + connection.version() + "/dialog/oauth";
    }

    @Override
    public String tokenUrl() {
        return GRAPH + "/" + connection.version() + "/oauth/access_token";
    }

    @Override
    public String scopeParameter(String scopes) {
        return scopes.replace(' ', ',');
    }

    /** The long-lived user token for an authorization code. */
    protected static String longLivedUserToken(OAuthTokenEndpoint endpoint, OAuthProperties.Provider provider,
                                               String code, String redirectUri) {
        JsonNode shortLived = endpoint.get(UriComponentsBuilder.fromUriString(provider.tokenUrl())
                .queryParam("client_id", provider.clientId()).queryParam("redirect_uri", redirectUri)
                .queryParam("client_secret", provider.clientSecret()).queryParam("code", code).encode().build().toUri(), null);
        OAuthTokenEndpoint.Tokens user = endpoint.tokens(shortLived, provider);
        JsonNode longLived = endpoint.get(UriComponentsBuilder.fromUriString(provider.tokenUrl())
                .queryParam("grant_type", "fb_exchange_token").queryParam("client_id", provider.clientId())
                .queryParam("client_secret", provider.clientSecret()).queryParam("fb_exchange_token", user.accessToken())
                .encode().build().toUri(), null);
        return endpoint.tokens(longLived, provider).accessToken();
    }

    /**
     * {@code GET /<version><path>?fields=<fields>} on the channel's Graph API (its base URL, else {@link #GRAPH}) with
     * a user token; {@code path} may hold URI variables, filled from {@code variables}.
     */
    protected JsonNode graph(OAuthTokenEndpoint endpoint, Channel channel, String userToken, String path, String fields,
                             Object... variables) {
        return endpoint.get(UriComponentsBuilder.fromUriString(NetworkHttp.baseUrlOr(channel, GRAPH))
                .path("/" + connection.version() + path).queryParam("fields", fields).encode().buildAndExpand(variables).toUri(),
                userToken);
    }
}
