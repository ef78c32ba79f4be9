package io.greenlight.publishing.threads;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.channel.OAuthNetwork;
import io.greenlight.channel.OAuthProperties;
import io.greenlight.channel.OAuthTokenEndpoint;
import io.greenlight.engine.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Duration;

/**
 * Threads' authorization window with the Meta app's Threads app id and secret ({@code greenlight.oauth.networks.threads.*}):
 * the code for a short-lived token and the user's id ({@code POST /oauth/access_token} → {@code {access_token, user_id}}),
 * exchanged for a long-lived one ({@code GET /access_token?grant_type=th_exchange_token} → 60 days). A long-lived
 * token is refreshed with itself ({@code GET /refresh_access_token?grant_type=th_refresh_token}, once it is a day old and
 * before it expires, for another 60 days), so it is also kept, sealed, as the channel's refresh token; Greenlight
 * refreshes it when less than 30 days are left. The channel's account becomes the Threads user's id.
 */
@Component
class ThreadsOAuth implements OAuthNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadsOAuth.class);
    static final Duration REFRESH_BEFORE = Duration.ofDays(30);

    @Override
    public String network() {
        return ThreadsPublisher.NETWORK;
    }

    @Override
    public String authorizeUrl() {
        return "https://threads.net/oauth/authorize";
    }

    @Override
    public String tokenUrl() {
        return ThreadsPublisher.API + "/oauth/access_token";
    }

    @Override
    public String scopes() {
        return "threads_basic threads_content_publish threads_manage_insights threads_delete";
    }

    @Override
    public String scopeParameter(String scopes) {
        return scopes.replace(' ', ',');
    }

    @Override
    public Duration refreshBefore(Duration configured) {
        return configured.compareTo(REFRESH_BEFORE) > 0 ? configured : REFRESH_BEFORE;
    }

    @Override
    public OAuthTokenEndpoint.Tokens exchange(OAuthTokenEndpoint endpoint, OAuthProperties.Provider provider, Channel channel,
                                              String code, String redirectUri, String codeVerifier) {
        JsonNode shortLived = endpoint.answer(provider, endpoint.form("authorization_code", provider)
                .with("code", code).with("redirect_uri", redirectUri));
        String shortToken = endpoint.tokens(shortLived, provider).accessToken();
        JsonNode longLived = endpoint.get(UriComponentsBuilder.fromUriString(graph(provider)).path("/access_token")
                .queryParam("grant_type", "th_exchange_token").queryParam("client_secret", provider.clientSecret())
                .queryParam("access_token", shortToken).encode().build().toUri(), null);
        OAuthTokenEndpoint.Tokens tokens = endpoint.tokens(longLived, provider);
        String user = shortLived.path("user_id").asText("");
        if (user.isEmpty()) {
            JsonNode me = endpoint.get(UriComponentsBuilder.fromUriString(graph(provider))
                    .path("/" + ThreadsPublisher.VERSION + "/me").queryParam("fields", "id,username").encode().build().toUri(),
                    tokens.accessToken());
            user = me == null ? "" : me.path("id").asText("");
        }
        if (user.isEmpty()) {
            throw UserFacingException.invalid("Threads did not say which profile was connected. Connect again.");
        }
        if (!user.equals(channel.getAccount())) {
            LOG.info("Channel {} publishes to Threads user {}", channel.getKey(), user);
            channel.setAccount(user);
        }
        // the long-lived token refreshes itself: it is the refresh token too
        return new OAuthTokenEndpoint.Tokens(tokens.accessToken(), tokens.accessToken(), tokens.expiresIn());
    }

    /** {@code GET /refresh_access_token?grant_type=th_refresh_token&access_token=<long-lived token>}. */
    @Override
    public OAuthTokenEndpoint.Tokens refresh(OAuthTokenEndpoint endpoint, OAuthProperties.Provider provider, Channel channel,
                                             String refreshToken) {
        JsonNode answer = endpoint.get(UriComponentsBuilder.fromUriString(graph(provider)).path("/refresh_access_token")
                .queryParam("grant_type", "th_refresh_token").queryParam("access_token", refreshToken)
                .encode().build().toUri(), null);
        OAuthTokenEndpoint.Tokens tokens = endpoint.tokens(answer, provider);
        return new OAuthTokenEndpoint.Tokens(tokens.accessToken(), tokens.accessToken(), tokens.expiresIn());
    }

    /** graph.threads.net, or wherever the configured token endpoint lives (its {@code /oauth/access_token} taken off). */
    static String graph(OAuthProperties.Provider provider) {
        String token = provider.tokenUrl();
        int at = token.indexOf("/oauth/access_token");
        return at > 0 ? token.substring(0, at) : ThreadsPublisher.API;
    }
}
