package io.greenlight.team;

import io.greenlight.engine.UserFacingException;

/**
 * Greenlight's one password rule for passwords an administrator or manager sets (new users, reactivation) and for
 * the password an invited user chooses: 8 to 200 characters, and not the user id.
 */
public final class PasswordPolicy {

    public static final int MIN = 8;
    public static final int MAX = 200;

    private PasswordPolicy() {
    }

    /** The problem with this password in plain words, or null when it is acceptable. */
    public static String problem(String userId, String password) {
        if (password == null || password.length() < MIN) {
            return "the password needs at least " + MIN + " characters.";
        }
        if (password.length() > MAX) {
            return "the password may have at most " + MAX + " characters.";
        }
        if (userId != null && password.equalsIgnoreCase(userId)) {
            return "the password must not be the user name.";
        }
        return null;
    }

    static void require(String userId, String password, String message) {
        String problem = problem(userId, password);
        if (problem != null) {
            throw UserFacingException.invalid(message, java.util.List.of("password: " + problem));
        }
    }
}
