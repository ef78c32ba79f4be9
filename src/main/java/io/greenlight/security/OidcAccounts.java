package io.greenlight.security;

import org.apache.commons.codec.digest.DigestUtils;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a signed-in OpenID Connect identity into a Camunda user, so tasks, authorizations, Tasklist and Cockpit work
 * for it as for a local user: created at the first sign-in (without a password: it can only sign in through the
 * provider), its name and e-mail and its memberships updated at every sign-in from the token's groups. The provider
 * is the source of truth for these users' groups: a group the token no longer carries is taken away.
 */
@Service
@Transactional
public class OidcAccounts {

    public static final String ACCOUNT_EXISTS = "account_exists";
    public static final String NO_GROUP = "no_group";

    private static final Logger LOG = LoggerFactory.getLogger(OidcAccounts.class);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final OidcAccountRepository accounts;
    private final IdentityService identity;
    private final SystemAccess system;
    private final OidcProperties properties;

    public OidcAccounts(OidcAccountRepository accounts, IdentityService identity, SystemAccess system, OidcProperties properties) {
        this.accounts = accounts;
        this.identity = identity;
        this.system = system;
        this.properties = properties;
    }

    /** The Camunda user and groups this identity signs in as (created or updated now). */
    public CurrentUser signIn(OidcUser oidc) {
        String issuer = String.valueOf(oidc.getIssuer());
        String subject = oidc.getSubject();
        OidcAccount account = accounts.findById(new OidcAccount.Key(issuer, subject)).orElse(null);
        String userId;
        if (account == null) {
            userId = userIdFor(oidc);
            boolean exists = system.call(() -> identity.createUserQuery().userId(userId).count() > 0);
            if ((exists && !properties.linkExistingUsers()) || accounts.existsByUserId(userId)) {
                LOG.warn("Single sign-on of {} (issuer {}) refused: the user id '{}' belongs to another account", subject, issuer, userId);
                throw refusal(ACCOUNT_EXISTS, "Greenlight already has a user '" + userId + "'. An administrator has to link it "
                        + "(greenlight.oidc.link-existing-users) or the provider has to send another user name.");
            }
            account = accounts.save(new OidcAccount(issuer, subject, userId, EngineClock.now()));
        } else {
            userId = account.getUserId();
            account.signedIn(EngineClock.now());
        }
        Set<String> groups = groupsOf(oidc);
        if (groups.isEmpty()) {
            throw refusal(NO_GROUP, "Your account has no Greenlight group yet. Ask your administrator to add you to one.");
        }
        String id = userId;
        system.run(() -> {
            User user = identity.createUserQuery().userId(id).singleResult();
            if (user == null) {
                user = identity.newUser(id);
                // a random password nobody knows: this user signs in through the provider only (Camunda cannot
                // check a user without one)
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                user.setPassword(java.util.Base64.getEncoder().encodeToString(secret));
            }
            user.setFirstName(limit(oidc.getGivenName() != null ? oidc.getGivenName() : oidc.getFullName()));
            user.setLastName(limit(oidc.getFamilyName()));
            user.setEmail(limit(oidc.getEmail()));
            identity.saveUser(user);
            Set<String> current = identity.createGroupQuery().groupMember(id).list().stream().map(Group::getId)
                    .collect(Collectors.toSet());
            current.stream().filter(g -> !groups.contains(g)).forEach(g -> identity.deleteMembership(id, g));
            groups.stream().filter(g -> !current.contains(g)).forEach(g -> identity.createMembership(id, g));
        });
        LOG.info("Single sign-on: {} signed in as {} with groups {}", subject, userId, groups);
        return new CurrentUser(userId, Set.copyOf(groups));
    }

    /** The token's groups mapped to existing Camunda groups. */
    Set<String> groupsOf(OidcUser oidc) {
        Object claim = oidc.getClaims().get(properties.groupsClaim());
        Collection<?> raw = claim instanceof Collection<?> c ? c : claim instanceof String s ? List.of(s.split("[,\\s]+")) : List.of();
        Set<String> wanted = new LinkedHashSet<>();
        for (Object o : raw) {
            if (o == null) {
                continue;
            }
            String name = o.toString().strip();
            wanted.add(properties.groupMapping().getOrDefault(name, name));
        }
        return system.call(() -> wanted.stream()
                .filter(g -> !g.isEmpty() && identity.createGroupQuery().groupId(g).count() > 0)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** Letters and digits of the username claim (Camunda's user id rule), else a stable id from the subject. */
    String userIdFor(OidcUser oidc) {
        Object claim = oidc.getClaims().get(properties.usernameClaim());
        String base = claim == null ? "" : claim.toString();
        int at = base.indexOf('@');
        if (at > 0 && "email".equals(properties.usernameClaim())) {
            base = base.substring(0, at);
        }
        String id = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (id.isEmpty()) {
            id = "sso" + sha256(oidc.getIssuer() + "\n" + oidc.getSubject()).substring(0, 16);
        }
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static OAuth2AuthenticationException refusal(String code, String message) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, message, null), message);
    }

    private static String limit(String s) {
        return s == null ? null : s.length() > 255 ? s.substring(0, 255) : s;
    }

    private static String sha256(String s) {
        return DigestUtils.sha256Hex(s);
    }
}
