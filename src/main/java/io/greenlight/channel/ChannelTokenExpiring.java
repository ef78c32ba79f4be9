package io.greenlight.channel;

import java.time.OffsetDateTime;

/** Published once per token that will expire (or has expired) without a refresh: the account must be reconnected. */
public record ChannelTokenExpiring(String channelKey, String channelName, String network, OffsetDateTime expiresAt,
                                   boolean expired) {
}
