package io.greenlight.post;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A post's story, read from the engine's history (not a parallel log): every process round (submitted, ended,
 * withdrawn; only {@code post-approval} instances are rounds), every task (created, claimed, decided with its comment),
 * each channel's publication and the content versions with diffs.
 */
@Component
public class PostTimeline {

    private static final Set<String> INTERESTING_OPERATIONS = Set.of(
            UserOperationLogEntry.OPERATION_TYPE_CLAIM, UserOperationLogEntry.OPERATION_TYPE_ASSIGN,
            UserOperationLogEntry.OPERATION_TYPE_DELEGATE, UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK);

    private final HistoryService history;
    private final TaskService tasks;
    private final SystemAccess system;
    private final PostService posts;
    /** Notes (due dates, reminders, backups, deliveries) and comments, merged in by time. */
    private final org.springframework.beans.factory.ObjectProvider<TimelineContributor> contributors;

    public PostTimeline(HistoryService history, TaskService tasks, SystemAccess system, PostService posts,
                        org.springframework.beans.factory.ObjectProvider<TimelineContributor> contributors) {
        this.history = history;
        this.tasks = tasks;
        this.system = system;
        this.posts = posts;
        this.contributors = contributors;
    }

    public record Entry(Date time, String kind, String user, String text, String taskId, String processInstanceId) {
    }

    public record VersionView(int number, String title, String content, String contentHash, String createdBy,
                              java.time.OffsetDateTime createdAt, String diffToPrevious) {
    }

    public List<Entry> of(Post post) {
        return system.call(() -> {
            List<Entry> entries = new ArrayList<>();
            for (HistoricProcessInstance round : history.createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(post.getId()).orderByProcessInstanceStartTime().asc().list()) {
                // other processes of the post (post-recall; post-metrics of posts published before it became one
                // sweep for all posts) are no review round: only their tasks and comments belong on the timeline
                boolean reviewRound = ProcessBindings.POST_PROCESS.equals(round.getProcessDefinitionKey());
                if (reviewRound) {
                    entries.add(new Entry(round.getStartTime(), "submitted", round.getStartUserId(),
                            "Submitted for review (process version " + round.getProcessDefinitionVersion() + ")", null, round.getId()));
                }
                if (reviewRound && round.getEndTime() != null) {
                    String reason = round.getDeleteReason();
                    entries.add(new Entry(round.getEndTime(), reason == null ? "ended" : "withdrawn", null,
                            reason == null ? "Process ended" : reason, null, round.getId()));
                }
                Map<String, HistoricTaskInstance> byId = new HashMap<>();
                for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(round.getId())
                        .orderByHistoricActivityInstanceStartTime().asc().list()) {
                    byId.put(task.getId(), task);
                    entries.add(new Entry(task.getStartTime(), "task-created", null, "Waiting in \"" + task.getName() + "\"",
                            task.getId(), round.getId()));
                    if (task.getEndTime() != null && "completed".equals(task.getDeleteReason())) {
                        entries.add(new Entry(task.getEndTime(), "task-completed", task.getAssignee(),
                                "Completed \"" + task.getName() + "\"", task.getId(), round.getId()));
                    }
                }
                for (UserOperationLogEntry op : history.createUserOperationLogQuery().processInstanceId(round.getId())
                        .orderByTimestamp().asc().list()) {
                    if (!INTERESTING_OPERATIONS.contains(op.getOperationType()) || op.getTaskId() == null) {
                        continue;
                    }
                    if (op.getOperationType().equals(UserOperationLogEntry.OPERATION_TYPE_ASSIGN) && op.getNewValue() == null) {
                        continue;
                    }
                    HistoricTaskInstance task = byId.get(op.getTaskId());
                    String what = switch (op.getOperationType()) {
                        case UserOperationLogEntry.OPERATION_TYPE_CLAIM -> "Claimed";
                        case UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK -> "Added candidate group " + op.getNewValue() + " to";
                        default -> "Assigned to " + op.getNewValue() + ":";
                    };
                    entries.add(new Entry(op.getTimestamp(), op.getOperationType().toLowerCase(), op.getUserId(),
                            what + " \"" + (task == null ? "task" : task.getName()) + "\"", op.getTaskId(), round.getId()));
                }
                for (Comment comment : tasks.getProcessInstanceComments(round.getId())) {
                    HistoricTaskInstance task = byId.get(comment.getTaskId());
                    entries.add(new Entry(comment.getTime(), "decision", comment.getUserId(),
                            (task == null ? "" : task.getName() + ": ") + comment.getFullMessage(), comment.getTaskId(), round.getId()));
                }
            }
            for (PostVariant variant : post.getVariants()) {
                if (variant.getPublishedAt() != null) {
                    entries.add(new Entry(Date.from(variant.getPublishedAt().toInstant()), "published", null,
                            "Published on " + variant.getChannel()
                                    + (variant.getExternalUrl() == null ? "" : ": " + variant.getExternalUrl()), null, null));
                }
            }
            contributors.orderedStream().forEach(c -> entries.addAll(c.entries(post)));
            entries.sort(Comparator.comparing(Entry::time, Comparator.nullsLast(Comparator.naturalOrder())));
            return entries;
        });
    }

    public List<VersionView> versions(Post post) {
        List<PostVersion> all = posts.versions(post.getId());
        List<VersionView> views = new ArrayList<>();
        PostVersion previous = null;
        for (PostVersion v : all) {
            views.add(new VersionView(v.getNumber(), v.getTitle(), v.getContent(), v.getContentHash(), v.getCreatedBy(),
                    v.getCreatedAt(), previous == null ? null : diff(previous, v)));
            previous = v;
        }
        return views;
    }

    static String diff(PostVersion a, PostVersion b) {
        List<String> before = lines(a);
        List<String> after = lines(b);
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("version " + a.getNumber(), "version " + b.getNumber(),
                before, DiffUtils.diff(before, after), 2));
    }

    private static List<String> lines(PostVersion v) {
        List<String> lines = new ArrayList<>();
        lines.add("Title: " + v.getTitle());
        lines.addAll(Arrays.asList(v.getContent().split("\n", -1)));
        return lines;
    }
}
