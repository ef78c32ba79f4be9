package io.greenlight.channel;

import io.greenlight.security.SecretBox;
import io.greenlight.engine.EngineClock;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Channels as managers configure them: network, account, server and credentials. Credentials are encrypted at
 * rest ({@link SecretBox}) and can be replaced (rotated), never read back through any API or page.
 */
@Service
@Transactional
public class ChannelService {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    /** Networks whose connector needs a server / URL. */
    private static final Set<String> NEEDS_BASE_URL = Set.of("MASTODON", "BLUESKY", "WEBHOOK");

    private final ChannelRepository channels;
    private final NetworkRuleRepository rules;
    private final SecretBox secrets;
    private final ObjectProvider<ServerLimits> serverLimits;
    private final ObjectProvider<TokenRefresher> refresher;

    @PersistenceContext
    private EntityManager em;

    public ChannelService(ChannelRepository channels, NetworkRuleRepository rules, SecretBox secrets,
                          ObjectProvider<ServerLimits> serverLimits, ObjectProvider<TokenRefresher> refresher) {
        this.channels = channels;
        this.rules = rules;
        this.secrets = secrets;
        this.serverLimits = serverLimits;
        this.refresher = refresher;
    }

    /** Renews an OAuth 2.0 access token shortly before it expires ({@link OAuthConnections}). */
    public interface TokenRefresher {
        /** Refreshes in a transaction of its own when due; true when a new token was stored. */
        boolean refreshIfDue(String channelKey);
    }

    /** Networks that connect their accounts with OAuth 2.0 ("connect account"); a pasted token works too. */
    static final Set<String> OAUTH_NETWORKS = Set.of("X", "LINKEDIN", "FACEBOOK", "INSTAGRAM", "THREADS");
    private static final Pattern LINKEDIN_URN = Pattern.compile("urn:li:(person|organization):[A-Za-z0-9_-]+");
    private static final Pattern FACEBOOK_PAGE = Pattern.compile("[0-9]{5,30}");
    /** Instagram's professional account id or its Facebook Page's id; a Threads user id. Numeric, set by connecting. */
    private static final Pattern META_ID = Pattern.compile("[0-9]{5,30}");

    /** Reads a server's own limits when a channel is configured (Mastodon: GET /api/v2/instance). */
    public interface ServerLimits {
        /** The server's text limit for this network, empty when the network has no per-server limit. */
        Optional<Integer> maxLength(String network, String baseUrl);
    }

    public record ChannelCommand(String key, String name, String network, String baseUrl, String account,
                                 String credentials) {
    }

    public Channel create(CurrentUser user, ChannelCommand c) {
        requireManager(user);
        List<String> errors = new ArrayList<>();
        String key = c.key() == null ? "" : c.key().strip();
        if (!KEY.matcher(key).matches()) {
            errors.add("key: 2-63 lower-case letters, digits or '-', starting with a letter or digit.");
        } else if (channels.existsById(key)) {
            throw UserFacingException.conflict("A channel with key '" + key + "' already exists.");
        }
        String name = c.name() == null ? "" : c.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add("name: a name of 1-200 characters is required.");
        }
        String network = c.network() == null ? "" : c.network().strip().toUpperCase();
        if (network.isEmpty() || !rules.existsById(network)) {
            errors.add("network: one of " + rules.findAll().stream().map(NetworkRule::getNetwork).sorted().toList() + ".");
        }
        String baseUrl = c.baseUrl() == null || c.baseUrl().isBlank() ? null : c.baseUrl().strip();
        if (NEEDS_BASE_URL.contains(network) && baseUrl == null) {
            errors.add("baseUrl: " + network + " channels need the server's address (e.g. https://mastodon.social).");
        }
        if (baseUrl != null && (!ContentRules.isWebLink(baseUrl) || baseUrl.length() > 2000)) {
            errors.add("baseUrl: not a web address (http:// or https://).");
        }
        String account = c.account() == null || c.account().isBlank() ? null : c.account().strip();
        if ("BLUESKY".equals(network) && account == null) {
            errors.add("account: Bluesky channels need the account's handle (e.g. brand.bsky.social).");
        }
        accountErrors(network, account, errors);
        // OAuth networks get their token from "connect account" (or a pasted one)
        boolean needsCredentials = !"LOCAL".equals(network) && !OAUTH_NETWORKS.contains(network);
        if (needsCredentials && (c.credentials() == null || c.credentials().isBlank())) {
            errors.add("credentials: the access token, app password or webhook secret is required.");
        }
        if (c.credentials() != null && c.credentials().length() > 4000) {
            errors.add("credentials: at most 4,000 characters.");
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(errors.size() == 1 ? errors.get(0) : "The channel has " + errors.size() + " problems.", errors);
        }
        Channel channel = new Channel(key, name, network);
        channel.setBaseUrl(baseUrl);
        channel.setAccount(account);
        if (c.credentials() != null && !c.credentials().isBlank()) {
            channel.storeCredentials(secrets.encrypt(c.credentials().strip()), EngineClock.now());
        }
        ServerLimits limits = serverLimits.getIfAvailable();
        if (limits != null && baseUrl != null) {
            try {
                limits.maxLength(network, baseUrl).ifPresent(channel::setMaxLength);
            } catch (RuntimeException e) {
                throw UserFacingException.invalid("baseUrl: the server's limits could not be read (" + e.getMessage() + ").");
            }
        }
        return channels.save(channel);
    }

    private static void accountErrors(String network, String account, List<String> errors) {
        if (account != null && account.length() > 200) {
            errors.add("account: at most 200 characters.");
        }
        if ("LINKEDIN".equals(network) && (account == null || !LINKEDIN_URN.matcher(account).matches())) {
            errors.add("account: LinkedIn channels need the author's URN (urn:li:organization:12345 for a company page, "
                    + "urn:li:person:… for a member).");
        }
        if ("FACEBOOK".equals(network) && (account == null || !FACEBOOK_PAGE.matcher(account).matches())) {
            errors.add("account: Facebook channels need the Page's numeric id (Page settings → About).");
        }
        if ("INSTAGRAM".equals(network) && account != null && !META_ID.matcher(account).matches()) {
            errors.add("account: the Instagram account's numeric id or its Facebook Page's id, or leave it empty: "
                    + "connecting the account fills it in.");
        }
        if ("THREADS".equals(network) && account != null && !META_ID.matcher(account).matches()) {
            errors.add("account: the Threads user's numeric id, or leave it empty: connecting the account fills it in.");
        }
    }

    /** What a manager may change on an existing channel: its name, account, server and whether it publishes. */
    public record ChannelEdit(String name, String baseUrl, String account, Boolean enabled) {
    }

    public Channel update(CurrentUser user, String key, ChannelEdit edit) {
        requireManager(user);
        Channel channel = channels.findById(key).orElseThrow(() -> UserFacingException.notFound("There is no channel '" + key + "'."));
        if (edit == null) {
            throw UserFacingException.invalid("Send the fields to change: name, baseUrl, account, enabled.");
        }
        List<String> errors = new ArrayList<>();
        String name = edit.name() == null ? channel.getName() : edit.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add("name: a name of 1-200 characters is required.");
        }
        String baseUrl = edit.baseUrl() == null ? channel.getBaseUrl() : edit.baseUrl().isBlank() ? null : edit.baseUrl().strip();
        if (NEEDS_BASE_URL.contains(channel.getNetwork()) && baseUrl == null) {
            errors.add("baseUrl: " + channel.getNetwork() + " channels need the server's address.");
        }
        if (baseUrl != null && (!ContentRules.isWebLink(baseUrl) || baseUrl.length() > 2000)) {
            errors.add("baseUrl: not a web address (http:// or https://).");
        }
        String account = edit.account() == null ? channel.getAccount() : edit.account().isBlank() ? null : edit.account().strip();
        if ("BLUESKY".equals(channel.getNetwork()) && account == null) {
            errors.add("account: Bluesky channels need the account's handle (e.g. brand.bsky.social).");
        }
        accountErrors(channel.getNetwork(), account, errors);
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(errors.size() == 1 ? errors.get(0) : "The channel has " + errors.size() + " problems.", errors);
        }
        channel.setName(name);
        channel.setBaseUrl(baseUrl);
        channel.setAccount(account);
        if (edit.enabled() != null) {
            channel.setEnabled(edit.enabled());
        }
        return channel;
    }

    /** Replaces a channel's credentials (e.g. a rotated token). A pasted token's expiry is unknown. */
    public Channel rotate(CurrentUser user, String key, String credentials) {
        requireManager(user);
        Channel channel = channels.findById(key).orElseThrow(() -> UserFacingException.notFound("There is no channel '" + key + "'."));
        if (credentials == null || credentials.isBlank() || credentials.length() > 4000) {
            throw UserFacingException.invalid("credentials: the new token, app password or secret is required (at most 4,000 characters).");
        }
        channel.storeTokens(secrets.encrypt(credentials.strip()), null, null, EngineClock.now());
        return channel;
    }

    /**
     * The decrypted credentials, for connectors only. An OAuth 2.0 access token about to expire is refreshed first
     * (in its own transaction), and the stored value is then read from the database, not from a cached entity.
     */
    public String credentialsOf(Channel channel) {
        TokenRefresher tokens = refresher.getIfAvailable();
        if (tokens != null && channel.hasRefreshToken() && tokens.refreshIfDue(channel.getKey())) {
            List<String> fresh = em.createQuery("select c.credentialsEncrypted from Channel c where c.key = :key", String.class)
                    .setParameter("key", channel.getKey()).getResultList();
            String sealed = fresh.isEmpty() ? null : fresh.get(0);
            return sealed == null ? null : secrets.decrypt(sealed);
        }
        return channel.getCredentialsEncrypted() == null ? null : secrets.decrypt(channel.getCredentialsEncrypted());
    }

    private static void requireManager(CurrentUser user) {
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers can configure channels.");
        }
    }
}
