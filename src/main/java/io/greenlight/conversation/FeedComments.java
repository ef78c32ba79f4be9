package io.greenlight.conversation;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.UserFacingException;
import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Comments on the public {@code local} feed: the comment form under each published entry hands them to the
 * {@link Inbox} as items of the {@code local} channel (each comment its own conversation), and the feed shows them
 * with our replies ({@code @feedComments.of(postId)} in {@code feed.html}).
 */
@Component("feedComments")
public class FeedComments {

    public static final String CHANNEL = "local";
    static final int MAX_NAME = 80;
    static final int MAX_TEXT = 2000;
    private static final Pattern KEY = Pattern.compile("[0-9a-f-]{36}");

    private final Inbox inbox;
    private final PostRepository posts;
    private final ConversationRepository conversations;
    private final ConversationItemRepository items;

    FeedComments(Inbox inbox, PostRepository posts, ConversationRepository conversations, ConversationItemRepository items) {
        this.inbox = inbox;
        this.posts = posts;
        this.conversations = conversations;
        this.items = items;
    }

    /** A comment as the feed shows it, with our replies. */
    public record Shown(String author, String text, OffsetDateTime at, List<ConversationItem> replies) {
    }

    /** A fresh key for one comment form, so a form sent twice stores one comment. */
    public String newKey() {
        return UUID.randomUUID().toString();
    }

    @Transactional(readOnly = true)
    public List<Shown> of(String postId) {
        List<Shown> shown = new ArrayList<>();
        for (Conversation c : conversations.findByPostIdOrderByReceivedAtAsc(postId)) {
            if (!CHANNEL.equals(c.getChannelKey())) {
                continue;
            }
            List<ConversationItem> all = items.findByConversationIdOrderByReceivedAtAscIdAsc(c.getId());
            List<ConversationItem> replies = all.stream().filter(i -> i.getDirection() == ConversationItem.Direction.OUT).toList();
            all.stream().filter(i -> i.getDirection() == ConversationItem.Direction.IN).forEach(i ->
                    shown.add(new Shown(i.getAuthorName() != null ? i.getAuthorName() : i.getAuthorHandle(), i.getText(),
                            i.getReceivedAt(), replies)));
        }
        return shown;
    }

    @Transactional
    public void comment(String postId, String key, String name, String text) {
        List<String> errors = new ArrayList<>();
        String n = name == null ? "" : name.strip();
        String t = text == null ? "" : text.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            errors.add("name: your name, at most " + MAX_NAME + " characters.");
        }
        if (t.isEmpty() || t.length() > MAX_TEXT) {
            errors.add("text: your comment, at most " + MAX_TEXT + " characters.");
        }
        if ((n + t).indexOf('\0') >= 0) {
            errors.add("text: control characters such as NUL are not allowed.");
        }
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add("The form is out of date: reload the page and try again.");
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid("The comment was not sent.", errors);
        }
        Post post = postId == null ? null : posts.findById(postId).orElse(null);
        PostVariant ours = post == null ? null : post.variant(CHANNEL).orElse(null);
        if (ours == null || ours.getStatus() != VariantStatus.PUBLISHED) {
            throw UserFacingException.notFound("There is no such post on the feed.");
        }
        String id = "comment-" + key;
        inbox.receive(new InboundMessage(CHANNEL, id, null, id, null, null, handle(n), n, 0, t, null, post.getId(),
                ours.getText(), "/feed#post-" + post.getId(), EngineClock.now()));
    }

    static String handle(String name) {
        String h = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "");
        return "feed:" + (h.isEmpty() ? "guest" : h);
    }
}
