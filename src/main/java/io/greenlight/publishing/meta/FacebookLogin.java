package io.greenlight.publishing.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.OAuthProperties;
import io.greenlight.channel.OAuthTokenEndpoint;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Facebook Login's code exchange, shared by the Facebook Page and Instagram connections (one Meta app): the code for
 * a short-lived user token ({@code GET /oauth/access_token}), that for a long-lived one
 * ({@code grant_type=fb_exchange_token}, about 60 days), from which Page tokens that do not expire are read.
 */
public final class FacebookLogin {

    private FacebookLogin() {
    }

    /** The long-lived user token for an authorization code. */
    public static String longLivedUserToken(OAuthTokenEndpoint endpoint, OAuthProperties.Provider provider, String code,
                                            String redirectUri) {
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
}
