package io.greenlight.channel;

import io.greenlight.engine.EngineClock;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;

/** Tokens that expire soon and will not be refreshed on their own, and the one warning per token to managers. */
class OAuthTokenExpiry {

    private final ChannelRepository channels;
    private final OAuthProperties properties;
    private final OAuthTokenKeeper keeper;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final EntityManager em;

    OAuthTokenExpiry(ChannelRepository channels, OAuthProperties properties, OAuthTokenKeeper keeper,
                     ApplicationEventPublisher events, TransactionTemplate ownTransaction, EntityManager em) {
        this.channels = channels;
        this.properties = properties;
        this.keeper = keeper;
        this.events = events;
        this.ownTransaction = ownTransaction;
        this.em = em;
    }

    List<OAuthConnections.ExpiringToken> expiringSoon() {
        OffsetDateTime now = EngineClock.now();
        OffsetDateTime horizon = now.plus(properties.warnBefore());
        return channels.findAllByOrderByNameAsc().stream()
                .filter(c -> c.isEnabled() && c.getTokenExpiresAt() != null && c.getTokenExpiresAt().isBefore(horizon))
                .filter(c -> !c.hasRefreshToken() || c.getTokenExpiresAt().isBefore(now))
                .map(c -> new OAuthConnections.ExpiringToken(c.getKey(), c.getName(), c.getNetwork(), c.getTokenExpiresAt(),
                        !c.getTokenExpiresAt().isAfter(now)))
                .toList();
    }

    /** Refreshes what is due, then warns once per token about each one that will expire unrefreshed. */
    int checkTokens() {
        channels.findAll().stream().filter(keeper::isDue).map(Channel::getKey).forEach(keeper::refreshIfDue);
        int sent = 0;
        for (OAuthConnections.ExpiringToken t : expiringSoon()) {
            if (markWarned(t.channelKey())) {
                events.publishEvent(new ChannelTokenExpiring(t.channelKey(), t.channelName(), t.network(), t.expiresAt(), t.expired()));
                sent++;
            }
        }
        return sent;
    }

    private boolean markWarned(String channelKey) {
        return Boolean.TRUE.equals(ownTransaction.execute(tx -> {
            Channel channel = em.find(Channel.class, channelKey, LockModeType.PESSIMISTIC_WRITE);
            if (channel == null || channel.getExpiryWarnedAt() != null) {
                return false;
            }
            channel.setExpiryWarnedAt(EngineClock.now());
            return true;
        }));
    }
}
