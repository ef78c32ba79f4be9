package io.greenlight.channel;

import io.greenlight.engine.EngineClock;
import io.greenlight.security.SecretBox;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientResponseException;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Keeps a channel's OAuth tokens: sealed with {@link SecretBox} on the channel, and the access token refreshed
 * shortly before it expires, the network's way ({@link OAuthNetwork#refresh}, {@link OAuthNetwork#refreshBefore}); a
 * rotated refresh token replaces the old one, in its own transaction so no rollback loses it.
 */
class OAuthTokenKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthConnections.class);

    private final SecretBox secrets;
    private final OAuthProperties properties;
    private final OAuthNetworks networks;
    private final OAuthTokenEndpoint endpoint;
    private final TransactionTemplate ownTransaction;
    private final EntityManager em;

    OAuthTokenKeeper(SecretBox secrets, OAuthProperties properties, OAuthNetworks networks, OAuthTokenEndpoint endpoint,
                     TransactionTemplate ownTransaction, EntityManager em) {
        this.secrets = secrets;
        this.properties = properties;
        this.networks = networks;
        this.endpoint = endpoint;
        this.ownTransaction = ownTransaction;
        this.em = em;
    }

    void store(Channel channel, OAuthTokenEndpoint.Tokens tokens) {
        OffsetDateTime now = EngineClock.now();
        channel.storeTokens(secrets.encrypt(tokens.accessToken()),
                tokens.refreshToken() == null ? null : secrets.encrypt(tokens.refreshToken()),
                tokens.expiresIn() == null ? null : now.plusSeconds(tokens.expiresIn()), now);
    }

    /**
     * Refreshes the channel's access token when it expires within {@code greenlight.oauth.refresh-before} and a
     * refresh token is there. Its own transaction, the channel row locked: a rotated refresh token must never be lost,
     * and two publish jobs must not spend the same one.
     *
     * @return true when the token was refreshed
     */
    boolean refreshIfDue(String channelKey) {
        return Boolean.TRUE.equals(ownTransaction.execute(tx -> refreshLocked(channelKey)));
    }

    private boolean refreshLocked(String channelKey) {
        Channel channel = em.find(Channel.class, channelKey, LockModeType.PESSIMISTIC_WRITE);
        if (channel == null || !isDue(channel)) {
            return false;
        }
        em.refresh(channel);
        if (!isDue(channel)) {
            return false; // another node refreshed it while we waited for the lock
        }
        Optional<OAuthProperties.Provider> provider = networks.provider(channel.getNetwork());
        if (provider.isEmpty()) {
            return false;
        }
        try {
            OAuthTokenEndpoint.Tokens tokens = provider.get().network().refresh(endpoint, provider.get(), channel,
                    secrets.decrypt(channel.getRefreshTokenEncrypted()));
            store(channel, tokens);
            LOG.info("Refreshed the {} token of channel {}", channel.getNetwork(), channelKey);
            return true;
        } catch (RuntimeException e) {
            String why = e instanceof RestClientResponseException r
                    ? r.getStatusCode().value() + " " + OAuthTokenEndpoint.error(r.getResponseBodyAsString()) : e.getMessage();
            LOG.warn("Could not refresh the {} token of channel {}: {}", channel.getNetwork(), channelKey, why);
            return false;
        }
    }

    boolean isDue(Channel channel) {
        java.time.Duration before = networks.of(channel.getNetwork()).map(n -> n.refreshBefore(properties.refreshBefore()))
                .orElse(properties.refreshBefore());
        return channel.hasRefreshToken() && channel.getTokenExpiresAt() != null
                && !channel.getTokenExpiresAt().isAfter(EngineClock.now().plus(before));
    }
}
