package io.greenlight.conversation;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.engine.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Sends a written (and, where required, approved) reply exactly once. Each step is committed on its own, outside the
 * engine's transaction: {@code SENDING} before the network is called (so a retry after a crash or restart knows an
 * earlier attempt may have gone out), {@code SENT} with the network's id and the reply as an item of the thread
 * right after. A reply already {@code SENT} is never sent again, whatever the process does.
 */
@Component
class ReplySending {

    private static final Logger LOG = LoggerFactory.getLogger(ReplySending.class);

    private final ConversationReplyRepository replies;
    private final ConversationRepository conversations;
    private final ConversationItemRepository items;
    private final ChannelRepository channels;
    private final List<ReplySender> senders;
    private final TransactionTemplate own;

    ReplySending(ConversationReplyRepository replies, ConversationRepository conversations, ConversationItemRepository items,
                 ChannelRepository channels, List<ReplySender> senders, PlatformTransactionManager tx) {
        this.replies = replies;
        this.conversations = conversations;
        this.items = items;
        this.channels = channels;
        this.senders = senders;
        this.own = new TransactionTemplate(tx);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void send(String replyId) {
        ConversationReply before = own.execute(s -> replies.findById(replyId).orElseThrow(
                () -> new IllegalStateException("There is no reply " + replyId)));
        if (before.getStatus() == ConversationReply.Status.SENT) {
            LOG.info("Reply {} was sent already ({}); not sending it again", replyId, before.getExternalId());
            return;
        }
        boolean earlier = before.getStatus() == ConversationReply.Status.SENDING;
        Conversation conversation = own.execute(s -> conversations.findById(before.getConversationId()).orElseThrow());
        Channel channel = channels.findById(conversation.getChannelKey())
                .orElseThrow(() -> new IllegalStateException("The channel " + conversation.getChannelKey() + " is gone"));
        ReplySender sender = senders.stream().filter(s -> s.network().equalsIgnoreCase(channel.getNetwork())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Greenlight cannot reply on " + channel.getNetwork() + " channels"));
        own.executeWithoutResult(s -> replies.findById(replyId).orElseThrow().sending());
        ReplySender.Sent sent;
        try {
            sent = sender.send(channel, conversation, before, earlier);
        } catch (RuntimeException e) {
            own.executeWithoutResult(s -> replies.findById(replyId).orElseThrow().failed(e.getMessage()));
            throw e;
        }
        own.executeWithoutResult(s -> {
            ConversationReply reply = replies.findById(replyId).orElseThrow();
            var now = EngineClock.now();
            reply.sent(sent.externalId(), sent.url(), now);
            if (!items.existsByChannelKeyAndExternalId(channel.getKey(), sent.externalId())) {
                items.save(new ConversationItem(conversation.getId(), channel.getKey(), sent.externalId(), sent.url(),
                        ConversationItem.Direction.OUT, reply.getWrittenBy(), null, reply.getText(), sent.url(),
                        Sentiment.NEUTRAL, now));
            }
            Conversation c = conversations.findById(conversation.getId()).orElseThrow();
            c.responded(reply.getWrittenBy(), now);
        });
        LOG.info("Reply {} sent to {} as {}", replyId, channel.getKey(), sent.externalId());
    }
}
