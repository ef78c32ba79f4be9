package io.greenlight.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per source address and per (source address, user name) and blocks a source that keeps
 * guessing — instead of Camunda's per-user lock, which lets anyone lock any user out (it is switched off, see
 * docs/security.md). Only failures count; a success is refused only while its source is blocked. A block never
 * affects other addresses, so the real user elsewhere can always sign in.
 */
@Component
@EnableConfigurationProperties(LoginThrottleProperties.class)
public class LoginThrottle {

    private record Key(String source, String user) {
    }

    private static final class Counter {
        int failures;
        Instant windowStart;
        Instant blockedUntil;

        boolean expired(Instant now, LoginThrottleProperties.Limit limit) {
            boolean blockOver = blockedUntil == null || !now.isBefore(blockedUntil);
            boolean windowOver = windowStart == null || !now.isBefore(windowStart.plus(limit.window()));
            return blockOver && windowOver;
        }
    }

    private final LoginThrottleProperties limits;
    private final Clock clock;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    public LoginThrottle(LoginThrottleProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public LoginThrottleProperties limits() {
        return limits;
    }

    /** How long this source (or this source for this user) must still wait; empty when it may try. */
    public Optional<Duration> blocked(String source, String user) {
        Instant now = clock.instant();
        Duration wait = remaining(new Key(source, null), now);
        if (user != null) {
            Duration pair = remaining(new Key(source, normalize(user)), now);
            if (pair.compareTo(wait) > 0) {
                wait = pair;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String source, String user) {
        Instant now = clock.instant();
        count(new Key(source, null), limits.perSource(), now);
        if (user != null && !user.isBlank()) {
            count(new Key(source, normalize(user)), limits.perSourceAndUser(), now);
        }
        if (counters.size() > limits.maxTracked()) {
            prune(now);
        }
    }

    /** A correct sign-in forgets this source's failures for this user (not the source's own count). */
    public void succeeded(String source, String user) {
        if (user != null) {
            counters.remove(new Key(source, normalize(user)));
        }
    }

    private Duration remaining(Key key, Instant now) {
        Counter c = counters.get(key);
        if (c == null) {
            return Duration.ZERO;
        }
        synchronized (c) {
            if (c.blockedUntil == null || !now.isBefore(c.blockedUntil)) {
                return Duration.ZERO;
            }
            return Duration.between(now, c.blockedUntil);
        }
    }

    private void count(Key key, LoginThrottleProperties.Limit limit, Instant now) {
        Counter c = counters.computeIfAbsent(key, k -> new Counter());
        synchronized (c) {
            if (c.windowStart == null || !now.isBefore(c.windowStart.plus(limit.window()))) {
                c.windowStart = now;
                c.failures = 0;
            }
            c.failures++;
            if (c.failures >= limit.maxFailures()) {
                c.blockedUntil = now.plus(limit.block());
                // the next window starts when the block ends: one more failure then blocks again
                c.windowStart = c.blockedUntil;
                c.failures = limit.maxFailures() - 1;
            }
        }
    }

    private void prune(Instant now) {
        counters.entrySet().removeIf(e -> e.getValue().expired(now,
                e.getKey().user() == null ? limits.perSource() : limits.perSourceAndUser()));
        if (counters.size() > limits.maxTracked()) {
            // still too many (a spray from very many addresses): keep only what is blocked right now
            counters.values().removeIf(c -> {
                synchronized (c) {
                    return c.blockedUntil == null || !now.isBefore(c.blockedUntil);
                }
            });
        }
    }

    int tracked() {
        return counters.size();
    }

    private static String normalize(String user) {
        String u = user.strip().toLowerCase(Locale.ROOT);
        return u.length() > 128 ? u.substring(0, 128) : u;
    }
}
