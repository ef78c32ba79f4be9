package io.greenlight.publishing.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.channel.OAuthNetwork;
import io.greenlight.channel.OAuthProperties;
import io.greenlight.channel.OAuthTokenEndpoint;
import io.greenlight.engine.UserFacingException;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.meta.FacebookLogin;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Facebook Login for a Page: scopes comma-separated, no refresh tokens, and the code exchanged for the Page's own
 * token, which does not expire while the long-lived user token's grant stands.
 */
@Component
class FacebookOAuth implements OAuthNetwork {

    @Override
    public String network() {
        return FacebookPublisher.NETWORK;
    }

    @Override
    public String authorizeUrl() {
        return "https://www.facebook.com/" + FacebookPublisher.VERSION + "/dialog/oauth";
    }

    @Override
    public String tokenUrl() {
        return FacebookPublisher.API + "/" + FacebookPublisher.VERSION + "/oauth/access_token";
    }

    @Override
    public String scopes() {
        return "pages_show_list pages_manage_posts pages_read_engagement";
    }

    @Override
    public String scopeParameter(String scopes) {
        return scopes.replace(' ', ',');
    }

    /**
     * Code → user token ({@code GET /oauth/access_token}), → long-lived user token
     * ({@code grant_type=fb_exchange_token}), → the Page's token ({@code GET /{page-id}?fields=access_token}).
     */
    @Override
    public OAuthTokenEndpoint.Tokens exchange(OAuthTokenEndpoint endpoint, OAuthProperties.Provider provider, Channel channel,
                                              String code, String redirectUri, String codeVerifier) {
        if (channel.getAccount() == null || channel.getAccount().isBlank()) {
            throw UserFacingException.invalid("Set the Page id as the channel's account before connecting it.");
        }
        String userToken = FacebookLogin.longLivedUserToken(endpoint, provider, code, redirectUri);
        JsonNode page = endpoint.get(UriComponentsBuilder.fromUriString(NetworkHttp.baseUrlOr(channel, FacebookPublisher.API))
                .path("/" + FacebookPublisher.VERSION + "/{page}").queryParam("fields", "access_token").encode()
                .buildAndExpand(channel.getAccount()).toUri(), userToken);
        String pageToken = page == null ? "" : page.path("access_token").asText("");
        if (pageToken.isEmpty()) {
            throw UserFacingException.invalid("Facebook gave no token for Page " + channel.getAccount()
                    + ": is the connecting user an admin of that Page, and were pages_manage_posts granted?");
        }
        return new OAuthTokenEndpoint.Tokens(pageToken, null, null);
    }
}
