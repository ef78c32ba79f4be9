package io.greenlight.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Drains the {@link Outbox} every {@code greenlight.notify.delivery.interval} (default 5 s) on every node; a lease
 * per message keeps two nodes from sending the same one. Off with {@code greenlight.notify.delivery.enabled=false}
 * (the tests drain it themselves).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "greenlight.notify.delivery.enabled", havingValue = "true", matchIfMissing = true)
public class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;

    public DeliveryWorker(Outbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(fixedDelayString = "${greenlight.notify.delivery.interval:PT5S}", initialDelayString = "PT10S")
    public void drain() {
        try {
            outbox.drain();
        } catch (RuntimeException e) {
            LOG.warn("Sending notifications failed; next round retries: {}", e.getMessage());
        }
    }
}
