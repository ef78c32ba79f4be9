package io.greenlight.conversation;

import io.greenlight.channel.Channel;
import org.springframework.stereotype.Component;

/** The local feed: a reply is shown under the comment on the feed page; its key is the reply's idempotency key. */
@Component
class LocalReplies implements ReplySender {

    @Override
    public String network() {
        return "LOCAL";
    }

    @Override
    public Sent send(Channel channel, Conversation conversation, ConversationReply reply, boolean earlierAttempt) {
        return new Sent(reply.getIdempotencyKey(), null);
    }
}
