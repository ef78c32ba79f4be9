package io.greenlight.review;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ContentRules;
import io.greenlight.channel.Violation;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import io.greenlight.engine.UserFacingException;
import io.greenlight.post.AttachedMedia;
import io.greenlight.post.Post;
import io.greenlight.post.PostService;
import io.greenlight.post.PostTimeline;
import io.greenlight.post.PostVariant;
import io.greenlight.post.PostVersion;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a reviewer needs to decide one review task on one page: the post as each network will show it (text,
 * media with alt text, links, the count against the network's limit), its timeline, the diff to the last reviewed
 * version, whether this user may decide (four-eyes, claimed by someone else) and where the task sits in their queue.
 * Media come through {@link AttachedMedia} (implemented by the asset library), so review does not depend on it.
 */
@Component
public class ReviewScreen {

    /** A URL up to whitespace or a closing quote/bracket; trailing punctuation stays outside. */
    static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')\\]]+[^\\s<>\"')\\].,;:!?]");

    private final ReviewInbox inbox;
    private final TaskService tasks;
    private final HistoryService history;
    private final SystemAccess system;
    private final PostService posts;
    private final PostTimeline timeline;
    private final ContentRules rules;
    private final ChannelRepository channels;
    private final ObjectProvider<AttachedMedia> media;
    private final ObjectProvider<OutgoingLinks> outgoing;
    private final ReviewQueue queue;

    public ReviewScreen(ReviewInbox inbox, ReviewQueue queue, TaskService tasks, HistoryService history, SystemAccess system,
                        PostService posts, PostTimeline timeline, ContentRules rules, ChannelRepository channels,
                        ObjectProvider<AttachedMedia> media, ObjectProvider<OutgoingLinks> outgoing) {
        this.outgoing = outgoing;
        this.inbox = inbox;
        this.queue = queue;
        this.tasks = tasks;
        this.history = history;
        this.system = system;
        this.posts = posts;
        this.timeline = timeline;
        this.rules = rules;
        this.channels = channels;
        this.media = media;
    }

    /** One channel's variant as its network will receive it. */
    public record ChannelPreview(String channel, String name, String network, String text, String link, int count,
                                 Integer limit, String unitLabel, boolean over, List<String> problems,
                                 List<AttachedMedia.Item> media, List<String> links, String shortLinkBase) {

        /** Whether this link is replaced by a short link when published (links to Greenlight itself stay). */
        public boolean shortened(String link) {
            return shortLinkBase != null && !link.startsWith(shortLinkBase.substring(0, shortLinkBase.length() - "r/".length()));
        }
    }

    /** One line of the diff: {@code tag} is EQUAL, INSERT, DELETE or CHANGE. */
    public record DiffLine(String tag, String oldLine, String newLine) {
    }

    /** The diff of the current content to the version last decided on (or the previous one). */
    public record VersionDiff(int fromVersion, int toVersion, boolean fromReviewed, List<DiffLine> lines, boolean changed) {
    }

    public record Screen(String taskId, String taskName, String assignee, java.util.Date due, Post post,
                         List<ChannelPreview> channels, List<PostTimeline.Entry> timeline, VersionDiff diff,
                         boolean mayDecide, String readOnlyReason, String previousTaskId, String nextTaskId,
                         int position, int queueSize) {
    }

    /** The review task with this id, whatever the user may do with it; 404 when there is no open review task. */
    public Task reviewTask(String taskId) {
        Task task = taskId == null || taskId.length() > 64 ? null : system.call(() ->
                tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
        if (task == null) {
            throw UserFacingException.notFound("There is no open task '" + taskId + "'. It may have been decided already.");
        }
        return task;
    }

    public static boolean isReview(Task task) {
        return task.getCamundaFormRef() != null && ProcessBindings.REVIEW_FORM.equals(task.getCamundaFormRef().getKey());
    }

    /** The open review task of a post this user should see: one they may decide first, else any. */
    public Optional<String> reviewTaskOf(CurrentUser user, String postId) {
        List<Task> open = system.call(() -> tasks.createTaskQuery().processInstanceBusinessKey(postId)
                .initializeFormKeys().orderByTaskCreateTime().asc().list()).stream().filter(ReviewScreen::isReview).toList();
        List<String> mine = inbox.of(user, postId, 0, ReviewInbox.MAX_PAGE_SIZE, false).tasks().stream()
                .filter(t -> ProcessBindings.REVIEW_FORM.equals(t.form())).map(ReviewInbox.TaskView::id).toList();
        return mine.stream().findFirst().or(() -> open.stream().map(Task::getId).findFirst());
    }

    public Screen of(CurrentUser user, String taskId) {
        Task task = reviewTask(taskId);
        if (!isReview(task)) {
            throw UserFacingException.notFound("Task '" + taskId + "' is not a review.");
        }
        String postId = system.call(() -> tasks.getVariable(taskId, ProcessBindings.POST_ID)) instanceof String s ? s : null;
        Post post = posts.get(postId);
        String reason = readOnlyReason(user, post, task);
        List<String> queue = queue(user);
        int at = queue.indexOf(taskId);
        String previous = at > 0 ? queue.get(at - 1) : null;
        String next = at >= 0 && at + 1 < queue.size() ? queue.get(at + 1) : (at < 0 && !queue.isEmpty() ? queue.get(0) : null);
        return new Screen(taskId, task.getName(), task.getAssignee(), task.getDueDate(), post, previews(post),
                timeline.of(post), diff(post), reason == null, reason, previous, next, at + 1, queue.size());
    }

    /** The review tasks this user may work on, in the inbox's order (earliest due first). */
    public List<String> queue(CurrentUser user) {
        return queue.of(user);
    }

    /** The task after this one in the user's queue (after a decision the task itself is gone). */
    public Optional<String> after(List<String> queueBefore, String taskId, CurrentUser user) {
        List<String> now = queue(user);
        int at = queueBefore.indexOf(taskId);
        for (int i = at + 1; at >= 0 && i < queueBefore.size(); i++) {
            if (now.contains(queueBefore.get(i))) {
                return Optional.of(queueBefore.get(i));
            }
        }
        return now.stream().filter(id -> !id.equals(taskId)).findFirst();
    }

    private String readOnlyReason(CurrentUser user, Post post, Task task) {
        if (post.isAuthor(user.id())) {
            return "Four-eyes rule: you wrote this post, so another reviewer decides. You can follow the review here "
                    + "and answer in the discussion.";
        }
        try {
            inbox.get(user, task.getId());
        } catch (UserFacingException notOffered) {
            return "This review is not offered to you or your groups.";
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            return "Claimed by " + task.getAssignee() + ", who decides it"
                    + (user.isManager() ? " (take it back in the inbox to decide yourself)." : ".");
        }
        return null;
    }

    List<ChannelPreview> previews(Post post) {
        Map<String, List<AttachedMedia.Item>> attached = media.getIfAvailable(() -> AttachedMedia.NONE).of(post.getId());
        String shortLinks = outgoing.getIfAvailable(() -> OutgoingLinks.AS_WRITTEN).shortLinkBase(post.getId()).orElse(null);
        List<ChannelPreview> previews = new ArrayList<>();
        for (PostVariant v : post.getVariants()) {
            Optional<Channel> channel = channels.findById(v.getChannel());
            ContentRules.ChannelCount count = rules.measure(v.getChannel(), v.getText(), v.getLink());
            List<String> problems = count.violations().stream().map(Violation::message).toList();
            boolean over = count.limit() != null && count.used() > count.limit();
            previews.add(new ChannelPreview(v.getChannel(), channel.map(Channel::getName).orElse(v.getChannel()),
                    channel.map(Channel::getNetwork).orElse("?"), v.getText(), v.getLink(), count.used(), count.limit(),
                    count.unitLabel(), over, problems, attached.getOrDefault(v.getChannel(), List.of()),
                    links(v.getText(), v.getLink()), shortLinks));
        }
        return previews;
    }

    /** Every web link of a variant in the order it goes out: those in the text, then the link field. */
    static List<String> links(String text, String link) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = URL.matcher(text == null ? "" : text);
        while (m.find()) {
            found.add(m.group());
        }
        if (link != null && !link.isBlank()) {
            found.add(link.strip());
        }
        return List.copyOf(found);
    }

    /**
     * The current content against the version a reviewer last decided on ({@code decidedInVersion_*} of the post's
     * process rounds), else against the version before it; null for a post with a single version.
     */
    VersionDiff diff(Post post) {
        List<PostVersion> versions = posts.versions(post.getId());
        if (versions.isEmpty()) {
            return null;
        }
        PostVersion current = versions.get(versions.size() - 1);
        int reviewed = lastReviewedBefore(post, current.getNumber());
        PostVersion base = versions.stream().filter(v -> v.getNumber() == reviewed).findFirst()
                .orElse(versions.size() > 1 ? versions.get(versions.size() - 2) : null);
        if (base == null) {
            return null;
        }
        DiffRowGenerator generator = DiffRowGenerator.create().showInlineDiffs(false).lineNormalizer(s -> s).build();
        List<DiffLine> lines = generator.generateDiffRows(lines(base), lines(current)).stream()
                .map(r -> new DiffLine(r.getTag().name(), r.getOldLine(), r.getNewLine())).toList();
        boolean changed = lines.stream().anyMatch(l -> !DiffRow.Tag.EQUAL.name().equals(l.tag()));
        return new VersionDiff(base.getNumber(), current.getNumber(), base.getNumber() == reviewed, lines, changed);
    }

    private int lastReviewedBefore(Post post, int current) {
        List<HistoricVariableInstance> decided = system.call(() -> history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(roundsOf(post)).list());
        return decided.stream().filter(v -> v.getName() != null && v.getName().startsWith(ProcessBindings.STAGE_VERSION_PREFIX))
                .map(HistoricVariableInstance::getValue).filter(Integer.class::isInstance).map(Integer.class::cast)
                .filter(n -> n < current).max(Integer::compare).orElse(-1);
    }

    private String[] roundsOf(Post post) {
        List<String> ids = system.call(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(post.getId()).list()).stream().map(p -> p.getId()).toList();
        return ids.isEmpty() ? new String[]{"-"} : ids.toArray(String[]::new);
    }

    private static List<String> lines(PostVersion v) {
        List<String> lines = new ArrayList<>();
        lines.add("Title: " + v.getTitle());
        lines.addAll(Arrays.asList(v.getContent().split("\n", -1)));
        return lines;
    }
}
