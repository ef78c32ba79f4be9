package io.greenlight.publishing.linkedin;

import io.greenlight.channel.OAuthNetwork;
import org.springframework.stereotype.Component;

/** LinkedIn's OAuth 2.0: the standard code grant, the app's secret in the form, 60-day tokens. */
@Component
class LinkedInOAuth implements OAuthNetwork {

    @Override
    public String network() {
        return LinkedInPublisher.NETWORK;
    }

    @Override
    public String authorizeUrl() {
        return "https://www.linkedin.com/oauth/v2/authorization";
    }

    @Override
    public String tokenUrl() {
        return "https://www.linkedin.com/oauth/v2/accessToken";
    }

    @Override
    public String scopes() {
        return "w_member_social w_organization_social";
    }
}
