package io.greenlight.scale.bench;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.io.IOException;

/** The benchmark's stub network and its connector; a test configuration, so no other test ever sees them. */
@TestConfiguration(proxyBeanMethods = false)
public class BenchConfig {

    public static final int STUB_PORT = Integer.getInteger("greenlight.bench.stub-port", 18090);
    public static final long STUB_DELAY_MS = Long.getLong("greenlight.bench.stub-delay-ms", 100);

    @Bean(destroyMethod = "close")
    StubNetwork stubNetwork() throws IOException {
        return new StubNetwork(STUB_PORT, STUB_DELAY_MS);
    }

    @Bean
    BenchPublisher benchPublisher(StubNetwork stub) {
        return new BenchPublisher(stub);
    }

    /**
     * The naive model's publish step, for the reference burst: the same blocking call to the stub and nothing else
     * (no ledger, no post, no notification, no metrics process).
     */
    @Bean
    org.camunda.bpm.engine.delegate.JavaDelegate benchRawPublish(BenchPublisher publisher) {
        return execution -> publisher.send(execution.getProcessBusinessKey());
    }
}
