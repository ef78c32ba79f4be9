package io.greenlight.channel;

import org.apache.commons.codec.digest.DigestUtils;
import io.greenlight.security.SecretBox;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.HttpClients;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
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
import java.util.Optional;

/**
 * "Connect account" for networks that use OAuth 2.0 (X, LinkedIn, Facebook Page): the authorization-code flow (with
 * PKCE, S256, for X), the code exchanged server-side, access and refresh tokens sealed with {@link SecretBox} on the
 * channel, never sent to any page or API. Access tokens are refreshed shortly before they expire (a rotated refresh
 * token replaces the old one, in its own transaction so no rollback loses it), and managers are warned before a
 * token that cannot be refreshed expires. Facebook: the user token is exchanged for a long-lived one and then for
 * the Page's own token ({@code GET /{page-id}?fields=access_token}), which does not expire.
 */
@Service("channelTokens")
public class OAuthConnections implements ChannelService.TokenRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthConnections.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a started authorization may take before its callback is refused. */
    static final Duration PENDING_FOR = Duration.ofMinutes(15);

    private final ChannelRepository channels;
    private final SecretBox secrets;
    private final OAuthProperties properties;
    private final ApplicationEventPublisher events;
    private final IdentityService identity;
    private final RestClient http;
    /** Refreshes and warnings commit on their own, whatever the caller's transaction does. */
    private final TransactionTemplate ownTransaction;

    private final EntityManager em;

    public OAuthConnections(ChannelRepository channels, SecretBox secrets, OAuthProperties properties,
                            ApplicationEventPublisher events, IdentityService identity, PlatformTransactionManager transactions,
                            EntityManager em, HttpClients clients) {
        this.em = em;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.channels = channels;
        this.secrets = secrets;
        this.properties = properties;
        this.events = events;
        this.identity = identity;
        this.http = clients.client(null);
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
        return properties.provider(channel.getNetwork()).isPresent();
    }

    public boolean usesOAuth(String network) {
        return OAuthProperties.Network.of(network).isPresent();
    }

    public Authorization start(CurrentUser user, String channelKey, String redirectUri) {
        requireManager(user);
        Channel channel = channels.findById(channelKey)
                .orElseThrow(() -> UserFacingException.notFound("There is no channel '" + channelKey + "'."));
        OAuthProperties.Provider provider = properties.provider(channel.getNetwork()).orElseThrow(() ->
                UserFacingException.invalid(channel.getNetwork() + " accounts cannot be connected here: no OAuth app is "
                        + "configured (greenlight.oauth.networks." + channel.getNetwork().toLowerCase() + ".client-id). "
                        + "Paste an access token instead."));
        String state = random(24);
        String verifier = provider.pkce() ? random(48) : null;
        UriComponentsBuilder url = UriComponentsBuilder.fromUriString(provider.authorizeUrl())
                .queryParam("response_type", "code")
                .queryParam("client_id", provider.clientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", provider.network() == OAuthProperties.Network.FACEBOOK
                        ? provider.scopes().replace(' ', ',') : provider.scopes())
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
        OAuthProperties.Provider provider = properties.provider(channel.getNetwork())
                .orElseThrow(() -> UserFacingException.invalid("No OAuth app is configured for " + channel.getNetwork() + "."));
        Tokens tokens;
        try {
            tokens = provider.network() == OAuthProperties.Network.FACEBOOK
                    ? facebookPageToken(provider, channel, code, pending.redirectUri())
                    : tokenRequest(provider, form("authorization_code", provider)
                    .with("code", code).with("redirect_uri", pending.redirectUri()).with("code_verifier", pending.codeVerifier()));
        } catch (RestClientResponseException e) {
            throw UserFacingException.invalid(channel.getNetwork() + " refused to connect the account: "
                    + e.getStatusCode().value() + " " + oauthError(e.getResponseBodyAsString()));
        } catch (RuntimeException e) {
            if (e instanceof UserFacingException u) {
                throw u;
            }
            throw UserFacingException.invalid(channel.getNetwork() + " could not be reached to connect the account ("
                    + e.getMessage() + "). Try again.");
        }
        store(channel, tokens);
        channel.connected(user.id(), EngineClock.now());
        LOG.info("Channel {} connected to its {} account by {}", channel.getKey(), channel.getNetwork(), user.id());
        return channel;
    }

    /**
     * Refreshes the channel's access token when it expires within {@code greenlight.oauth.refresh-before} and a
     * refresh token is there. Its own transaction, the channel row locked: a rotated refresh token must never be lost,
     * and two publish jobs must not spend the same one.
     *
     * @return true when the token was refreshed
     */
    @Override
    public boolean refreshIfDue(String channelKey) {
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
        Optional<OAuthProperties.Provider> provider = properties.provider(channel.getNetwork());
        if (provider.isEmpty()) {
            return false;
        }
        try {
            Tokens tokens = tokenRequest(provider.get(), form("refresh_token", provider.get())
                    .with("refresh_token", secrets.decrypt(channel.getRefreshTokenEncrypted())));
            store(channel, tokens);
            LOG.info("Refreshed the {} token of channel {}", channel.getNetwork(), channelKey);
            return true;
        } catch (RuntimeException e) {
            String why = e instanceof RestClientResponseException r
                    ? r.getStatusCode().value() + " " + oauthError(r.getResponseBodyAsString()) : e.getMessage();
            LOG.warn("Could not refresh the {} token of channel {}: {}", channel.getNetwork(), channelKey, why);
            return false;
        }
    }

    boolean isDue(Channel channel) {
        return channel.hasRefreshToken() && channel.getTokenExpiresAt() != null
                && !channel.getTokenExpiresAt().isAfter(EngineClock.now().plus(properties.refreshBefore()));
    }

    /** A token that expires soon (or has expired) and will not be refreshed on its own. */
    public record ExpiringToken(String channelKey, String channelName, String network, OffsetDateTime expiresAt,
                                boolean expired) {
    }

    public List<ExpiringToken> expiringSoon() {
        OffsetDateTime now = EngineClock.now();
        OffsetDateTime horizon = now.plus(properties.warnBefore());
        return channels.findAllByOrderByNameAsc().stream()
                .filter(c -> c.isEnabled() && c.getTokenExpiresAt() != null && c.getTokenExpiresAt().isBefore(horizon))
                .filter(c -> !c.hasRefreshToken() || c.getTokenExpiresAt().isBefore(now))
                .map(c -> new ExpiringToken(c.getKey(), c.getName(), c.getNetwork(), c.getTokenExpiresAt(),
                        !c.getTokenExpiresAt().isAfter(now)))
                .toList();
    }

    /**
     * Refreshes what is due and tells {@code managers} once per token about each one that will expire unrefreshed.
     * Runs every {@code greenlight.oauth.check-every} (default an hour) and is safe to call at any time.
     *
     * @return the number of warnings sent
     */
    public int checkTokens() {
        channels.findAll().stream().filter(this::isDue).map(Channel::getKey).forEach(this::refreshIfDue);
        List<ExpiringToken> expiring = expiringSoon();
        int sent = 0;
        for (ExpiringToken t : expiring) {
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

    // ---- token endpoint -------------------------------------------------------------------------------------------

    record Tokens(String accessToken, String refreshToken, Long expiresIn) {
    }

    private void store(Channel channel, Tokens tokens) {
        OffsetDateTime now = EngineClock.now();
        channel.storeTokens(secrets.encrypt(tokens.accessToken()),
                tokens.refreshToken() == null ? null : secrets.encrypt(tokens.refreshToken()),
                tokens.expiresIn() == null ? null : now.plusSeconds(tokens.expiresIn()), now);
    }

    /** A form for the token endpoint; the client authenticates with Basic (X) or in the body (LinkedIn). */
    private static Form form(String grantType, OAuthProperties.Provider provider) {
        Form form = new Form(provider).with("grant_type", grantType).with("client_id", provider.clientId());
        if (provider.network() != OAuthProperties.Network.X && provider.clientSecret() != null) {
            form.with("client_secret", provider.clientSecret());
        }
        return form;
    }

    static final class Form {
        final MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        final OAuthProperties.Provider provider;

        Form(OAuthProperties.Provider provider) {
            this.provider = provider;
        }

        Form with(String name, String value) {
            if (value != null) {
                values.add(name, value);
            }
            return this;
        }
    }

    private Tokens tokenRequest(OAuthProperties.Provider provider, Form form) {
        JsonNode answer = http.post().uri(provider.tokenUrl())
                .headers(h -> {
                    if (provider.network() == OAuthProperties.Network.X && provider.clientSecret() != null) {
                        h.setBasicAuth(provider.clientId(), provider.clientSecret(), StandardCharsets.UTF_8);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON)
                .body(form.values).retrieve().body(JsonNode.class);
        return tokens(answer, provider);
    }

    private static Tokens tokens(JsonNode answer, OAuthProperties.Provider provider) {
        String access = answer == null ? "" : answer.path("access_token").asText("");
        if (access.isEmpty()) {
            throw UserFacingException.invalid(provider.network() + " answered without an access token.");
        }
        String refresh = answer.path("refresh_token").asText("");
        return new Tokens(access, refresh.isEmpty() ? null : refresh,
                answer.hasNonNull("expires_in") ? answer.path("expires_in").asLong() : null);
    }

    /**
     * Facebook: code → user token ({@code GET /oauth/access_token}), → long-lived user token
     * ({@code grant_type=fb_exchange_token}), → the Page's token ({@code GET /{page-id}?fields=access_token}), which
     * does not expire while the long-lived user token's grant stands.
     */
    private Tokens facebookPageToken(OAuthProperties.Provider provider, Channel channel, String code, String redirectUri) {
        if (channel.getAccount() == null || channel.getAccount().isBlank()) {
            throw UserFacingException.invalid("Set the Page id as the channel's account before connecting it.");
        }
        JsonNode shortLived = http.get().uri(UriComponentsBuilder.fromUriString(provider.tokenUrl())
                        .queryParam("client_id", provider.clientId()).queryParam("redirect_uri", redirectUri)
                        .queryParam("client_secret", provider.clientSecret()).queryParam("code", code).encode().build().toUri())
                .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
        Tokens user = tokens(shortLived, provider);
        JsonNode longLived = http.get().uri(UriComponentsBuilder.fromUriString(provider.tokenUrl())
                        .queryParam("grant_type", "fb_exchange_token").queryParam("client_id", provider.clientId())
                        .queryParam("client_secret", provider.clientSecret()).queryParam("fb_exchange_token", user.accessToken())
                        .encode().build().toUri())
                .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
        Tokens userLong = tokens(longLived, provider);
        String graph = channel.getBaseUrl() == null || channel.getBaseUrl().isBlank() ? "https://graph.facebook.com"
                : channel.getBaseUrl();
        JsonNode page = http.get().uri(UriComponentsBuilder.fromUriString(graph).path("/v21.0/{page}")
                        .queryParam("fields", "access_token").encode().buildAndExpand(channel.getAccount()).toUri())
                .header("Authorization", "Bearer " + userLong.accessToken())
                .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
        String pageToken = page == null ? "" : page.path("access_token").asText("");
        if (pageToken.isEmpty()) {
            throw UserFacingException.invalid("Facebook gave no token for Page " + channel.getAccount()
                    + ": is the connecting user an admin of that Page, and were pages_manage_posts granted?");
        }
        return new Tokens(pageToken, null, null);
    }

    private static String oauthError(String body) {
        if (body == null || body.isBlank()) {
            return "(no details)";
        }
        try {
            JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            if (node.path("error").isObject()) {
                return node.path("error").path("message").asText("");
            }
            String text = (node.path("error").asText("") + " " + node.path("error_description").asText("")).trim();
            return text.isEmpty() ? body.substring(0, Math.min(200, body.length())) : text;
        } catch (Exception e) {
            return body.substring(0, Math.min(200, body.length()));
        }
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
