package io.greenlight.publishing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A connector test against a loopback stub of its network ({@link ConnectorFixtures#startServer()}), started before
 * and stopped after each test. The test's own {@code @BeforeEach} builds the connector, {@link #channel} (pointing at
 * {@link #server}) and {@link #post}.
 */
public abstract class ConnectorTestSupport {

    protected WireMockServer server;
    protected Channel channel;
    protected Post post;

    @BeforeEach
    void startStub() {
        server = ConnectorFixtures.startServer();
    }

    @AfterEach
    void stopStub() {
        server.stop();
    }

    /** What the publish job sends for {@link #post} to {@link #channel}, with these credentials. */
    protected PublishRequest request(String credentials) {
        return ConnectorFixtures.request(channel, credentials, post, false);
    }
}
