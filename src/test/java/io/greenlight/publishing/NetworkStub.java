package io.greenlight.publishing;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One loopback stub of the networks for a whole test class: {@code @RegisterExtension static final NetworkStub stub =
 * new NetworkStub();} starts it (warmed up, see {@link ConnectorFixtures#startServer()}) before the class's
 * {@code @BeforeAll} methods and stops it after the class. Stubs stay between tests unless a test resets them.
 */
public final class NetworkStub extends WireMockServer implements BeforeAllCallback, AfterAllCallback {

    public NetworkStub() {
        super(options().bindAddress("127.0.0.1").dynamicPort());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        ConnectorFixtures.warmUp(this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
