package io.greenlight.conversation;

import io.greenlight.channel.Channel;

/**
 * Sends one reply to a network, so that sending it again cannot make a second one: Mastodon with the reply's
 * {@code Idempotency-Key}, Bluesky with a record key derived from the reply (looked up first when an earlier attempt
 * may have gone out), the local feed by the reply's unique key.
 */
interface ReplySender {

    /** The network (channel's {@code network}) this sender serves. */
    String network();

    /**
     * @param earlierAttempt an earlier attempt may have reached the network (it was interrupted)
     */
    Sent send(Channel channel, Conversation conversation, ConversationReply reply, boolean earlierAttempt);

    record Sent(String externalId, String url) {
    }
}
