package io.greenlight.conversation;

import io.greenlight.channel.Channel;

import java.time.OffsetDateTime;
import java.util.List;

/** Fetches what people wrote to us on one network since the stored cursor. */
interface InboundPoller {

    String network();

    /**
     * @param cursor       where the last poll left off (null: a new channel)
     * @param backfillFrom a new channel fetches items from this time on
     */
    Batch poll(Channel channel, String credentials, String cursor, OffsetDateTime backfillFrom);

    /** The items, oldest first, the new cursor (null: unchanged), and when the network's window resets if used up. */
    record Batch(List<InboundMessage> items, String cursor, OffsetDateTime waitUntil) {
    }
}
