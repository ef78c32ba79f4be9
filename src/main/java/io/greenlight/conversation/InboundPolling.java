package io.greenlight.conversation;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ChannelService;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Polls every enabled channel whose network has an {@link InboundPoller} (Mastodon, Bluesky) on a schedule
 * ({@code greenlight.community.poll-interval}, 2 min): from the stored cursor, or for a new channel from the backfill
 * window ({@code greenlight.community.backfill}, 2 days). Each item is handed to the {@link Inbox} in its own
 * transaction (an item the inbox refuses is logged and skipped), the cursor moves after them. A 429 or a used-up
 * window moves the channel's next poll to when the network allows it; another error waits one interval.
 */
@Component
public class InboundPolling {

    private static final Logger LOG = LoggerFactory.getLogger(InboundPolling.class);

    private final List<InboundPoller> pollers;
    private final ChannelRepository channels;
    private final ChannelService channelService;
    private final InboundSourceRepository sources;
    private final Inbox inbox;
    private final TransactionTemplate tx;
    private final Duration interval;
    private final Duration backfill;
    private final boolean enabled;

    InboundPolling(List<InboundPoller> pollers, ChannelRepository channels, ChannelService channelService,
                   InboundSourceRepository sources, Inbox inbox, PlatformTransactionManager tm,
                   @Value("${greenlight.community.poll-interval:PT2M}") Duration interval,
                   @Value("${greenlight.community.backfill:P2D}") Duration backfill,
                   @Value("${greenlight.community.polling.enabled:true}") boolean enabled) {
        this.pollers = pollers;
        this.channels = channels;
        this.channelService = channelService;
        this.sources = sources;
        this.inbox = inbox;
        this.tx = new TransactionTemplate(tm);
        this.interval = interval;
        this.backfill = backfill;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${greenlight.community.poll-interval:PT2M}", initialDelayString = "PT30S")
    void scheduled() {
        if (enabled) {
            pollAll();
        }
    }

    /** Polls every channel that is due; returns how many new items came in. */
    public int pollAll() {
        int received = 0;
        for (Channel channel : channels.findAllByOrderByNameAsc()) {
            if (!channel.isEnabled() || !channel.hasCredentials()) {
                continue;
            }
            Optional<InboundPoller> poller = pollers.stream().filter(p -> p.network().equalsIgnoreCase(channel.getNetwork())).findFirst();
            if (poller.isPresent()) {
                received += poll(channel, poller.get());
            }
        }
        return received;
    }

    private int poll(Channel channel, InboundPoller poller) {
        OffsetDateTime now = EngineClock.now();
        InboundSource source = tx.execute(s -> sources.findById(channel.getKey())
                .orElseGet(() -> sources.save(new InboundSource(channel.getKey(), now.minus(backfill)))));
        if (source.getNextPollAt() != null && source.getNextPollAt().isAfter(now)) {
            return 0;
        }
        InboundPoller.Batch batch;
        try {
            batch = poller.poll(channel, channelService.credentialsOf(channel), source.getCursorValue(), source.getBackfillFrom());
        } catch (RateLimited e) {
            LOG.info("{} asks us to wait until {}", channel.getKey(), e.until());
            save(channel.getKey(), s -> s.failed("rate-limited until " + e.until(), e.until()));
            return 0;
        } catch (RuntimeException e) {
            LOG.warn("Polling {} failed: {}", channel.getKey(), e.getMessage());
            save(channel.getKey(), s -> s.failed(e.getMessage(), now.plus(interval)));
            return 0;
        }
        int received = 0;
        for (InboundMessage m : batch.items()) {
            try {
                if (Boolean.TRUE.equals(tx.execute(s -> inbox.receive(m).isPresent()))) {
                    received++;
                }
            } catch (UserFacingException e) {
                LOG.warn("Skipped item {} of {}: {}", m.externalId(), channel.getKey(), e.getMessage());
            }
        }
        OffsetDateTime next = batch.waitUntil();
        save(channel.getKey(), s -> s.polled(batch.cursor(), now, next));
        return received;
    }

    private void save(String key, java.util.function.Consumer<InboundSource> change) {
        tx.executeWithoutResult(s -> sources.findById(key).ifPresent(change));
    }
}
