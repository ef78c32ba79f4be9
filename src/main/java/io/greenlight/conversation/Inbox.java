package io.greenlight.conversation;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.engine.SystemAccess;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one door into the community inbox: every source hands its items here. An item is stored once per channel
 * (its external id is unique there; a second delivery changes nothing); it joins its thread's conversation, and a
 * conversation without a running {@code conversation} process (new, or closed and written to again) starts one.
 */
@Service
@Transactional
public class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    static final int MAX_TEXT = 10000;

    private final ConversationRepository conversations;
    private final ConversationItemRepository items;
    private final ChannelRepository channels;
    private final RuntimeService runtime;
    private final SystemAccess system;
    private final Set<String> vips;
    private final CrisisSignal crisis;

    public Inbox(ConversationRepository conversations, ConversationItemRepository items, ChannelRepository channels,
                 RuntimeService runtime, SystemAccess system, CrisisSignal crisis,
                 @Value("${greenlight.community.vip-authors:}") String vips) {
        this.conversations = conversations;
        this.items = items;
        this.channels = channels;
        this.runtime = runtime;
        this.system = system;
        this.crisis = crisis;
        this.vips = Arrays.stream(vips.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    /** Stores the item; empty when this channel already had it. Refuses (400) items that are not plausible. */
    public Optional<Conversation> receive(InboundMessage m) {
        check(m);
        Channel channel = channels.findById(m.channel())
                .orElseThrow(() -> UserFacingException.notFound("There is no channel '" + m.channel() + "'."));
        if (items.existsByChannelKeyAndExternalId(m.channel(), m.externalId())) {
            return Optional.empty();
        }
        String sentiment = Sentiment.of(m.text());
        String thread = m.threadKey() == null || m.threadKey().isBlank() ? m.externalId() : m.threadKey();
        Conversation c = conversations.findByChannelKeyAndThreadKey(m.channel(), thread).orElse(null);
        boolean start;
        if (c == null) {
            c = conversations.save(new Conversation(m, thread, sentiment));
            start = true;
        } else {
            c.newItem(m, sentiment);
            start = !c.isOpen();
            if (start) {
                c.reopen(m.receivedAt());
            }
        }
        items.save(new ConversationItem(c.getId(), m.channel(), m.externalId(), m.externalUri(), ConversationItem.Direction.IN,
                m.authorHandle(), m.authorName(), m.text(), m.url(), sentiment, m.receivedAt()));
        if (start) {
            start(c, channel, m, sentiment);
        }
        crisis.check();
        return Optional.of(c);
    }

    private void start(Conversation c, Channel channel, InboundMessage m, String sentiment) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(ConversationProcess.CONVERSATION_ID, c.getId());
        vars.put(ConversationProcess.CHANNEL, channel.getKey());
        vars.put(ConversationProcess.NETWORK, channel.getNetwork());
        vars.put(ConversationProcess.TEXT, m.text().toLowerCase(Locale.ROOT));
        vars.put(ConversationProcess.SENTIMENT, sentiment);
        vars.put(ConversationProcess.FOLLOWERS, Math.max(0, m.authorFollowers()));
        vars.put(ConversationProcess.VIP, vips.contains(m.authorHandle().toLowerCase(Locale.ROOT)));
        vars.put(ConversationProcess.SUBJECT, c.getSubject());
        vars.put(ConversationProcess.RECEIVED_AT, Date.from(m.receivedAt().toInstant()));
        String id = c.getId();
        ProcessInstance instance = system.call(() ->
                runtime.startProcessInstanceByKey(ConversationProcess.PROCESS, id, vars));
        c.started(instance.getId());
        LOG.info("Conversation {} on {} started ({})", id, channel.getKey(), c.getSubject());
    }

    static void check(InboundMessage m) {
        require(m.channel(), "channel", 64, true);
        require(m.externalId(), "id", 512, true);
        require(m.authorHandle(), "author", 320, true);
        require(m.text(), "text", MAX_TEXT, true);
        if (m.text().isBlank()) {
            throw UserFacingException.invalid("text: the item has no text.");
        }
        require(m.authorName(), "author name", 320, false);
        require(m.externalUri(), "uri", 2000, false);
        require(m.url(), "url", 2000, false);
        require(m.threadKey(), "thread", 512, false);
        require(m.rootId(), "root", 512, false);
        require(m.rootUri(), "root uri", 2000, false);
        require(m.originalText(), "original text", MAX_TEXT, false);
        require(m.originalUrl(), "original url", 2000, false);
        if (m.receivedAt() == null) {
            throw UserFacingException.invalid("received: the item has no time.");
        }
    }

    private static void require(String value, String field, int max, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw UserFacingException.invalid(field + ": required.");
            }
            return;
        }
        if (value.length() > max) {
            throw UserFacingException.invalid(field + ": at most " + max + " characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == 0 || (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
                throw UserFacingException.invalid(field + ": contains control characters (such as NUL), which are not allowed.");
            }
        }
    }
}
