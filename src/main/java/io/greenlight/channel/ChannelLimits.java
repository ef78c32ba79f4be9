package io.greenlight.channel;

/**
 * What fits on a channel, as shown next to the composer and in GET /api/channels. {@code urlLength}: every URL counts
 * as this many characters (Mastodon 23); {@code maxBytes}: a second cap in UTF-8 bytes (Bluesky 3,000).
 */
public record ChannelLimits(String unit, int maxLength, Integer maxLinks, Integer maxHashtags, Integer urlLength,
                            Integer maxBytes) {

    public ChannelLimits(String unit, int maxLength, Integer maxLinks, Integer maxHashtags) {
        this(unit, maxLength, maxLinks, maxHashtags, null, null);
    }
}
