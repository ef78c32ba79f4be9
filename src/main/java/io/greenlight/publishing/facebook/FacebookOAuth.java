package io.greenlight.publishing.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.channel.OAuthProperties;
import io.greenlight.channel.OAuthTokenEndpoint;
import io.greenlight.engine.UserFacingException;
import io.greenlight.publishing.meta.FacebookLogin;
import org.springframework.stereotype.Component;

/**
 * Facebook Login for a Page: scopes comma-separated, no refresh tokens, and the code exchanged for the Page's own
 * token, which does not expire while the long-lived user token's grant stands.
 */
@Component
class FacebookOAuth extends FacebookLogin {

    FacebookOAuth() {
        super(new Connection(FacebookPublisher.NETWORK, FacebookPublisher.VERSION,
                "pages_show_list pages_manage_posts pages_read_engagement"));
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
        String userToken = longLivedUserToken(endpoint, provider, code, redirectUri);
        JsonNode page = graph(endpoint, channel, userToken, "/{page}", "access_token", channel.getAccount());
        String pageToken = page == null ? "" : page.path("access_token").asText("");
        if (pageToken.isEmpty()) {
            throw UserFacingException.invalid("Facebook gave no token for Page " + channel.getAccount()
                    + ": is the connecting user an admin of that Page, and were pages_manage_posts granted?");
        }
        return new OAuthTokenEndpoint.Tokens(pageToken, null, null);
    }
}
