package io.greenlight.channel;

/** One way a channel's text breaks that channel's rules, in words a user understands. */
public record Violation(String channel, String rule, int limit, int count, String message) {
}
