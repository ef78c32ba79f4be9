package io.greenlight.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's rules with the production defaults and a clock the test moves (no sleeping). */
class LoginThrottleTest {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MutableClock clock = new MutableClock();
    final LoginThrottleProperties defaults = LoginThrottleProperties.defaults();
    final LoginThrottle throttle = new LoginThrottle(defaults, clock);

    @Test
    void defaultsAreFiveWrongPasswordsPerUserAndThirtyPerAddressIn15Minutes() {
        assertThat(defaults.perSourceAndUser().maxFailures()).isEqualTo(5);
        assertThat(defaults.perSource().maxFailures()).isEqualTo(30);
        assertThat(defaults.perSourceAndUser().block()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theFifthFailureForOneUserBlocksThatAddressForThatUserOnly() {
        for (int i = 1; i < 5; i++) {
            throttle.failed("10.0.0.1", "admin");
            assertThat(throttle.blocked("10.0.0.1", "admin")).as("after %s failures", i).isEmpty();
        }
        throttle.failed("10.0.0.1", "admin");
        assertThat(throttle.blocked("10.0.0.1", "admin")).contains(Duration.ofMinutes(15));
        // the same address may still sign in as someone else; the real admin elsewhere is not affected
        assertThat(throttle.blocked("10.0.0.1", "creator")).isEmpty();
        assertThat(throttle.blocked("10.0.0.2", "admin")).isEmpty();
        // user names differ only in case: still the same user
        assertThat(throttle.blocked("10.0.0.1", "ADMIN")).isPresent();

        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.blocked("10.0.0.1", "admin")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.blocked("10.0.0.1", "admin")).isEmpty();
        // right after a block one more failure blocks again
        throttle.failed("10.0.0.1", "admin");
        assertThat(throttle.blocked("10.0.0.1", "admin")).isPresent();
    }

    @Test
    void failuresSpreadOverTimeNeverBlock() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.3", "creator");
            throttle.failed("10.0.0.3", "creator");
            clock.advance(Duration.ofMinutes(16));
        }
        assertThat(throttle.blocked("10.0.0.3", "creator")).isEmpty();
    }

    @Test
    void aCorrectPasswordForgetsThatUsersFailuresButNotTheAddresss() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.4", "reviewer");
        }
        throttle.succeeded("10.0.0.4", "reviewer");
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.4", "reviewer");
        }
        assertThat(throttle.blocked("10.0.0.4", "reviewer")).isEmpty();
    }

    @Test
    void sprayingManyUserNamesFromOneAddressBlocksTheAddress() {
        for (int i = 0; i < 29; i++) {
            throttle.failed("10.0.0.5", "user" + i);
        }
        assertThat(throttle.blocked("10.0.0.5", "someone")).isEmpty();
        assertThat(throttle.blocked("10.0.0.5", null)).isEmpty();
        throttle.failed("10.0.0.5", "user29");
        assertThat(throttle.blocked("10.0.0.5", "admin")).contains(Duration.ofMinutes(15));
        assertThat(throttle.blocked("10.0.0.5", null)).isPresent();
        assertThat(throttle.blocked("10.0.0.6", "admin")).isEmpty();
    }

    @Test
    void memoryStaysBounded() {
        LoginThrottle small = new LoginThrottle(new LoginThrottleProperties(null, null, 100), clock);
        for (int i = 0; i < 1000; i++) {
            small.failed("10.1." + (i / 250) + "." + (i % 250), "u" + i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(small.tracked()).isLessThanOrEqualTo(102);
        // an address that keeps guessing is still blocked
        for (int i = 0; i < 30; i++) {
            small.failed("10.9.9.9", "x" + i);
        }
        assertThat(small.blocked("10.9.9.9", null)).isPresent();
    }
}
