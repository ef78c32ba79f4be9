package io.greenlight.channel;

import org.apache.commons.codec.digest.DigestUtils;
import io.greenlight.security.SecretBox;
import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.HttpClients;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

/**
 * "Connect account" for networks that use OAuth 2.0 (X, LinkedIn, Facebook Page, Instagram, Threads): the
 * authorization-code flow (with PKCE, S256, where the network wants it), the code exchanged server-side, access and
 * refresh tokens sealed with
 * {@link SecretBox} on the channel, never sent to any page or API. What differs per network (endpoints, scopes,
 * token quirks such as Facebook's exchange for the Page's own token) is an {@link OAuthNetwork} in the network's
 * package. Tokens are kept and refreshed by {@link OAuthTokenKeeper}; managers are warned before a token that
 * cannot be refreshed expires ({@link OAuthTokenExpiry}).
 */
@Service("channelTokens")
public class OAuthConnections implements ChannelService.TokenRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthConnections.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a started authorization may take before its callback is refused. */
    static final Duration PENDING_FOR = Duration.ofMinutes(15);

    private final ChannelRepository channels;
    private final OAuthNetworks networks;
    private final OAuthTokenEndpoint endpoint;
    private final OAuthTokenKeeper keeper;
    private final OAuthTokenExpiry expiry;
    /** Connections, refreshes and warnings commit on their own, whatever the caller's transaction does. */
    private final TransactionTemplate ownTransaction;

    public OAuthConnections(ChannelRepository channels, SecretBox secrets, OAuthProperties properties,
                            List<OAuthNetwork> networks, ApplicationEventPublisher events,
                            PlatformTransactionManager transactions, EntityManager em, HttpClients clients) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.channels = channels;
        this.networks = new OAuthNetworks(networks, properties);
        this.endpoint = new OAuthTokenEndpoint(clients);
        this.keeper = new OAuthTokenKeeper(secrets, properties, this.networks, endpoint, ownTransaction, em);
        this.expiry = new OAuthTokenExpiry(channels, properties, keeper, events, ownTransaction, em);
    }

    /** A started authorization, kept in the manager's session until the network calls back. */
    public record Pending(String channelKey, String state, String codeVerifier, String redirectUri, String user,
                          OffsetDateTime startedAt) implements Serializable {
    }

    /** Where to send the manager's browser, and what to remember until the callback. */
    public record Authorization(String url, Pending pending) {
    }

    /** Whether the channel's network connects with OAuth 2.0 and an app is configured for it. */
    public boolean canConnect(Channel channel) {
        return networks.provider(channel.getNetwork()).isPresent();
    }

    public boolean usesOAuth(String network) {
        return networks.of(network).isPresent();
    }

    public Authorization start(CurrentUser user, String channelKey, String redirectUri) {
        requireManager(user);
        Channel channel = channels.findById(channelKey)
                .orElseThrow(() -> UserFacingException.notFound("There is no channel '" + channelKey + "'."));
        OAuthProperties.Provider provider = networks.provider(channel.getNetwork()).orElseThrow(() ->
                UserFacingException.invalid(channel.getNetwork() + " accounts cannot be connected here: no OAuth app is "
                        + "configured (greenlight.oauth.networks." + channel.getNetwork().toLowerCase() + ".client-id). "
                        + "Paste an access token instead."));
        String state = random(24);
        String verifier = provider.pkce() ? random(48) : null;
        UriComponentsBuilder url = UriComponentsBuilder.fromUriString(provider.authorizeUrl())
                .queryParam("response_type", "code")
                .queryParam("client_id", provider.clientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", provider.network().scopeParameter(provider.scopes()))
                .queryParam("state", state);
        if (verifier != null) {
            url.queryParam("code_challenge", challenge(verifier)).queryParam("code_challenge_method", "S256");
        }
        return new Authorization(url.encode().build().toUriString(),
                new Pending(channelKey, state, verifier, redirectUri, user.id(), EngineClock.now()));
    }

    /** The network called back with a code: exchange it and seal the tokens on the channel (one transaction). */
    public Channel complete(CurrentUser user, Pending pending, String state, String code) {
        requireManager(user);
        return ownTransaction.execute(tx -> exchange(user, pending, state, code));
    }

    private Channel exchange(CurrentUser user, Pending pending, String state, String code) {
        if (pending == null || state == null || !MessageDigest.isEqual(pending.state().getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8)) || !pending.user().equals(user.id())) {
            throw UserFacingException.invalid("This sign-in answer does not belong to a connection you started. Start again from the channels page.");
        }
        if (pending.startedAt().plus(PENDING_FOR).isBefore(EngineClock.now())) {
            throw UserFacingException.invalid("The connection took too long. Start again from the channels page.");
        }
        if (code == null || code.isBlank()) {
            throw UserFacingException.invalid("The network sent no authorization code.");
        }
        Channel channel = channels.findById(pending.channelKey())
                .orElseThrow(() -> UserFacingException.notFound("There is no channel '" + pending.channelKey() + "'."));
        OAuthProperties.Provider provider = networks.provider(channel.getNetwork())
                .orElseThrow(() -> UserFacingException.invalid("No OAuth app is configured for " + channel.getNetwork() + "."));
        OAuthTokenEndpoint.Tokens tokens;
        try {
            tokens = provider.network().exchange(endpoint, provider, channel, code, pending.redirectUri(), pending.codeVerifier());
        } catch (RestClientResponseException e) {
            throw UserFacingException.invalid(channel.getNetwork() + " refused to connect the account: "
                    + e.getStatusCode().value() + " " + OAuthTokenEndpoint.error(e.getResponseBodyAsString()));
        } catch (RuntimeException e) {
            if (e instanceof UserFacingException u) {
                throw u;
            }
            throw UserFacingException.invalid(channel.getNetwork() + " could not be reached to connect the account ("
                    + e.getMessage() + "). Try again.");
        }
        keeper.store(channel, tokens);
        channel.connected(user.id(), EngineClock.now());
        LOG.info("Channel {} connected to its {} account by {}", channel.getKey(), channel.getNetwork(), user.id());
        return channel;
    }

    /**
     * Refreshes the channel's access token when it expires within {@code greenlight.oauth.refresh-before} and a
     * refresh token is there (its own transaction, the channel row locked).
     *
     * @return true when the token was refreshed
     */
    @Override
    public boolean refreshIfDue(String channelKey) {
        return keeper.refreshIfDue(channelKey);
    }

    /** A token that expires soon (or has expired) and will not be refreshed on its own. */
    public record ExpiringToken(String channelKey, String channelName, String network, OffsetDateTime expiresAt,
                                boolean expired) {
    }

    public List<ExpiringToken> expiringSoon() {
        return expiry.expiringSoon();
    }

    /**
     * Refreshes what is due and tells {@code managers} once per token about each one that will expire unrefreshed.
     * Runs every {@code greenlight.oauth.check-every} (default an hour) and is safe to call at any time.
     *
     * @return the number of warnings sent
     */
    public int checkTokens() {
        return expiry.checkTokens();
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** PKCE S256: base64url(SHA-256(verifier)). */
    static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(DigestUtils.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void requireManager(CurrentUser user) {
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers can connect channels.");
        }
    }
}
