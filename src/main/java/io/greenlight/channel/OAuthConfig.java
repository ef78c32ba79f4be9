package io.greenlight.channel;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * OAuth 2.0 settings, and the hourly check that refreshes tokens before they expire and warns managers about those
 * that cannot be refreshed ({@code greenlight.oauth.check-every}, default an hour; the first check after that long).
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(OAuthProperties.class)
public class OAuthConfig {

    private final OAuthConnections connections;

    public OAuthConfig(OAuthConnections connections) {
        this.connections = connections;
    }

    @Scheduled(fixedDelayString = "${greenlight.oauth.check-every:PT1H}", initialDelayString = "${greenlight.oauth.check-every:PT1H}")
    void checkTokens() {
        connections.checkTokens();
    }
}
