package io.greenlight.comment;

import io.greenlight.notify.Notice;
import io.greenlight.notify.NotificationEvent;
import io.greenlight.notify.Notifications;
import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.post.PostTimeline;
import io.greenlight.post.TimelineContributor;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.team.Directory;
import io.greenlight.security.UserAccounts;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, threaded comments on a post: everyone signed in may read and write them; a reply hangs under
 * its thread's first comment; {@code @name} mentions an existing, active user, who is notified ({@code mention}).
 * Comments appear on the post's timeline, and the running review sees them in the process variable
 * {@code discussion} (shown in the {@code review-post} form).
 */
@Service
@Transactional
public class Comments implements TimelineContributor {

    public static final String DISCUSSION = "discussion";
    static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})");
    static final int MAX = 4000;

    private final PostCommentRepository repository;
    private final PostProgress posts;
    private final Directory directory;
    private final UserAccounts accounts;
    private final Notifications notifications;
    private final RuntimeService runtime;
    private final SystemAccess system;

    public Comments(PostCommentRepository repository, PostProgress posts, Directory directory, UserAccounts accounts,
                    Notifications notifications, RuntimeService runtime, SystemAccess system) {
        this.repository = repository;
        this.posts = posts;
        this.directory = directory;
        this.accounts = accounts;
        this.notifications = notifications;
        this.runtime = runtime;
        this.system = system;
    }

    public record Thread(PostComment comment, List<PostComment> replies) {
    }

    public PostComment add(CurrentUser author, String postId, Long parentId, String body) {
        Post post = posts.find(postId).orElseThrow(() -> UserFacingException.notFound("There is no post '" + postId + "'."));
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw UserFacingException.invalid("Write a comment first.");
        }
        if (text.length() > MAX) {
            throw UserFacingException.invalid("A comment has at most 4,000 characters.");
        }
        Long root = null;
        if (parentId != null) {
            PostComment parent = repository.findById(parentId).filter(c -> c.getPostId().equals(postId))
                    .orElseThrow(() -> UserFacingException.invalid("You can only reply to a comment on this post."));
            root = parent.getParentId() != null ? parent.getParentId() : parent.getId();
        }
        PostComment saved = repository.save(new PostComment(postId, root, author.id(), text, EngineClock.now()));
        Set<String> mentioned = mentions(text);
        mentioned.remove(author.id());
        if (!mentioned.isEmpty()) {
            notifications.deliver(Notice.of(NotificationEvent.MENTION, mentioned,
                    author.id() + " mentioned you on \"" + post.getTitle() + "\": " + abbreviate(text), postId));
        }
        refreshDiscussion(post);
        return saved;
    }

    @Transactional(readOnly = true)
    public List<Thread> threads(String postId) {
        Map<Long, Thread> threads = new LinkedHashMap<>();
        List<PostComment> all = repository.findByPostIdOrderByCreatedAtAscIdAsc(postId);
        for (PostComment c : all) {
            if (c.getParentId() == null) {
                threads.put(c.getId(), new Thread(c, new ArrayList<>()));
            }
        }
        for (PostComment c : all) {
            if (c.getParentId() != null && threads.containsKey(c.getParentId())) {
                threads.get(c.getParentId()).replies().add(c);
            }
        }
        return List.copyOf(threads.values());
    }

    /** The users a text mentions: {@code @id} of existing, active users. */
    @Transactional(readOnly = true)
    public Set<String> mentions(String text) {
        Set<String> users = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String id = m.group(1).replaceAll("[._-]+$", "");
            if (directory.person(id).isPresent() && accounts.isActive(id)) {
                users.add(id);
            }
        }
        return users;
    }

    /** The discussion as plain text for the review form: newest threads last, replies indented. */
    @Transactional(readOnly = true)
    public String discussion(String postId) {
        StringBuilder s = new StringBuilder();
        for (Thread t : threads(postId)) {
            s.append(t.comment().getAuthor()).append(": ").append(t.comment().getBody()).append('\n');
            for (PostComment r : t.replies()) {
                s.append("  ↳ ").append(r.getAuthor()).append(": ").append(r.getBody()).append('\n');
            }
        }
        String text = s.toString().strip();
        return text.length() > 3900 ? "…" + text.substring(text.length() - 3900) : text;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PostTimeline.Entry> entries(Post post) {
        List<PostTimeline.Entry> entries = new ArrayList<>();
        for (PostComment c : repository.findByPostIdOrderByCreatedAtAscIdAsc(post.getId())) {
            entries.add(new PostTimeline.Entry(Date.from(c.getCreatedAt().toInstant()), "comment", c.getAuthor(),
                    (c.getParentId() == null ? "Commented: " : "Replied: ") + c.getBody(), null, null));
        }
        return entries;
    }

    private void refreshDiscussion(Post post) {
        String text = discussion(post.getId());
        system.run(() -> {
            for (ProcessInstance pi : runtime.createProcessInstanceQuery().processInstanceBusinessKey(post.getId()).active().list()) {
                runtime.setVariable(pi.getId(), DISCUSSION, text);
            }
        });
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }
}
