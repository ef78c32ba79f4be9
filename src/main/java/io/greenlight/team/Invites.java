package io.greenlight.team;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.SystemAccess;
import org.apache.commons.codec.digest.DigestUtils;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * One-time set-password links for invited users. Only the SHA-256 of the link's secret is kept, as Camunda user
 * info of the user ({@value #KEY}), with its expiry; using the link removes it, so it works once. A new invitation
 * replaces the previous link.
 */
@Component
public class Invites {

    static final String KEY = "greenlight.invite";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identity;
    private final SystemAccess system;
    private final Duration validFor;

    public Invites(IdentityService identity, SystemAccess system,
                   @Value("${greenlight.team.invite-valid-for:P7D}") Duration validFor) {
        this.identity = identity;
        this.system = system;
        this.validFor = validFor;
    }

    public record Issued(String token, OffsetDateTime validUntil) {
    }

    /** A new secret for the user's link (the previous one stops working). */
    Issued issue(String userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime until = EngineClock.now().plus(validFor);
        system.run(() -> identity.setUserInfo(userId, KEY, DigestUtils.sha256Hex(token) + "|" + until.toEpochSecond()));
        return new Issued(token, until);
    }

    /** Whether the link is the user's current, unexpired one. */
    public boolean valid(String userId, String token) {
        if (userId == null || token == null || userId.length() > 64 || token.length() > 100) {
            return false;
        }
        String stored = system.call(() -> identity.createUserQuery().userId(userId).count() == 0 ? null
                : identity.getUserInfo(userId, KEY));
        if (stored == null || stored.indexOf('|') < 0) {
            return false;
        }
        String hash = stored.substring(0, stored.indexOf('|'));
        long until = Long.parseLong(stored.substring(stored.indexOf('|') + 1));
        boolean same = MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                DigestUtils.sha256Hex(token).getBytes(StandardCharsets.US_ASCII));
        return same && EngineClock.now().toInstant().isBefore(Instant.ofEpochSecond(until));
    }

    /** Sets the password chosen through a valid link and ends the link. */
    public void redeem(String userId, String token, String password) {
        if (!valid(userId, token)) {
            throw io.greenlight.engine.UserFacingException.notFound(
                    "This link has expired or was used already. Ask your manager for a new invitation.");
        }
        PasswordPolicy.require(userId, password, "Choose another password.");
        system.run(() -> {
            User user = identity.createUserQuery().userId(userId).singleResult();
            user.setPassword(password);
            identity.saveUser(user);
            identity.deleteUserInfo(userId, KEY);
        });
    }
}
