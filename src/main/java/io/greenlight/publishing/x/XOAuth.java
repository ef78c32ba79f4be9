package io.greenlight.publishing.x;

import io.greenlight.channel.OAuthNetwork;
import org.springframework.stereotype.Component;

/** X's OAuth 2.0: PKCE, the app authenticating with HTTP Basic, a refresh token with {@code offline.access}. */
@Component
class XOAuth implements OAuthNetwork {

    @Override
    public String network() {
        return XPublisher.NETWORK;
    }

    @Override
    public String authorizeUrl() {
        return "https://x.com/i/oauth2/authorize";
    }

    @Override
    public String tokenUrl() {
        return XPublisher.API + "/2/oauth2/token";
    }

    @Override
    public String scopes() {
        return "tweet.read tweet.write users.read media.write offline.access";
    }

    @Override
    public boolean pkce() {
        return true;
    }

    @Override
    public boolean basicClientAuthentication() {
        return true;
    }
}
