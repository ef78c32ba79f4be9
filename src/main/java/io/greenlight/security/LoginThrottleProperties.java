package io.greenlight.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Limits for failed sign-ins ({@code greenlight.login-throttle.*}, see docs/security.md). Only failures count.
 *
 * @param perSourceAndUser failures from one address for one user name
 * @param perSource        failures from one address, whatever the user names
 * @param maxTracked       addresses and address/user pairs remembered at most (memory bound)
 */
@ConfigurationProperties("greenlight.login-throttle")
public record LoginThrottleProperties(Limit perSourceAndUser, Limit perSource, Integer maxTracked) {

    public LoginThrottleProperties {
        perSourceAndUser = perSourceAndUser == null ? new Limit(5, Duration.ofMinutes(15), Duration.ofMinutes(15)) : perSourceAndUser;
        perSource = perSource == null ? new Limit(30, Duration.ofMinutes(15), Duration.ofMinutes(15)) : perSource;
        maxTracked = maxTracked == null || maxTracked < 100 ? 100_000 : maxTracked;
    }

    /** The defaults (what production runs with unless configured). */
    public static LoginThrottleProperties defaults() {
        return new LoginThrottleProperties(null, null, null);
    }

    /**
     * @param maxFailures failures within {@code window} that block
     * @param window      how long a failure is remembered (counted from the first failure of the window)
     * @param block       how long the block lasts once the limit is reached
     */
    public record Limit(int maxFailures, Duration window, Duration block) {
        public Limit {
            if (maxFailures < 1 || window == null || block == null || window.isNegative() || block.isNegative()) {
                throw new IllegalArgumentException("greenlight.login-throttle: max-failures >= 1, window and block required");
            }
        }
    }
}
