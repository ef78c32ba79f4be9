package io.greenlight.channel;

/** What fits on a channel, as shown next to the composer and in GET /api/channels. */
public record ChannelLimits(String unit, int maxLength, Integer maxLinks, Integer maxHashtags) {
}
