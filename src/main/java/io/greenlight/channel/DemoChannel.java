package io.greenlight.channel;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code greenlight.demo=true} (the {@code demo} profile of {@code ./mvnw spring-boot:run}) the first start adds
 * the offline {@code local} channel, so the whole loop runs without any network account.
 */
@Component
@Order(3)
@ConditionalOnProperty(name = "greenlight.demo", havingValue = "true")
class DemoChannel implements ApplicationRunner {

    private final ChannelRepository channels;

    DemoChannel(ChannelRepository channels) {
        this.channels = channels;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!channels.existsById("local")) {
            channels.save(new Channel("local", "Local feed", "LOCAL"));
        }
    }
}
