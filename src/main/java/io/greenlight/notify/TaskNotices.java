package io.greenlight.notify;

import io.greenlight.post.TimelineNotes;
import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Built into every user task, after the backup routing:
 * <ul>
 *   <li>create: a timeline note with the task's due date, and "task for you" to its assignee, or to its candidate
 *       users and the members of its candidate groups (and the groups' chat) — never to the post's author;</li>
 *   <li>assignment by someone else: "task for you" to the new assignee.</li>
 * </ul>
 * The author's revision is announced by "changes requested" instead.
 */
@Component
public class TaskNotices implements TaskListener {

    static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private final Notifications notifications;
    private final TimelineNotes notes;

    public TaskNotices(Notifications notifications, TimelineNotes notes) {
        this.notifications = notifications;
        this.notes = notes;
    }

    @Override
    public void notify(DelegateTask task) {
        notify(task, false);
    }

    /** {@code revision}: the task has the form {@code revise-post} (known when the diagram is parsed). */
    public void notify(DelegateTask task, boolean revision) {
        String postId = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        Object author = task.getExecution() == null ? null : task.getExecution().getVariable(ProcessBindings.AUTHOR);
        Object title = task.getExecution() == null ? null : task.getExecution().getVariable(ProcessBindings.TITLE);
        String about = title == null ? "" : " for \"" + title + "\"";
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                if (task.getDueDate() != null) {
                    notes.add(postId, "due", null, "\"" + task.getName() + "\" is due "
                            + DUE.format(task.getDueDate().toInstant().atZone(ZoneOffset.UTC)));
                }
                if (revision || task.getAssignee() != null) {
                    return; // the assignment event announces an assignee
                }
                Set<String> users = new LinkedHashSet<>();
                Set<String> groups = new LinkedHashSet<>();
                IdentityService identity = task.getProcessEngineServices().getIdentityService();
                for (IdentityLink link : task.getCandidates()) {
                    if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                        continue;
                    }
                    if (link.getUserId() != null) {
                        users.add(link.getUserId());
                    } else if (link.getGroupId() != null) {
                        groups.add(link.getGroupId());
                        List<User> members = Context.getCommandContext().runWithoutAuthorization(
                                () -> identity.createUserQuery().memberOfGroup(link.getGroupId()).list());
                        members.forEach(u -> users.add(u.getId()));
                    }
                }
                if (author != null) {
                    users.remove(author.toString());
                }
                notifications.deliver(new Notice(NotificationEvent.TASK_ASSIGNED, users, groups,
                        "\"" + task.getName() + "\"" + about + " is waiting for your group "
                                + String.join(", ", groups) + (task.getDueDate() == null ? "." : ", due "
                                + DUE.format(task.getDueDate().toInstant().atZone(ZoneOffset.UTC)) + "."),
                        postId, task.getId(), java.util.EnumSet.allOf(DeliveryChannel.class)));
            }
            case EVENTNAME_ASSIGNMENT -> {
                String assignee = task.getAssignee();
                Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
                if (assignee == null || revision || (auth != null && assignee.equals(auth.getUserId()))) {
                    return;
                }
                notifications.deliver(new Notice(NotificationEvent.TASK_ASSIGNED, List.of(assignee), List.of(),
                        "\"" + task.getName() + "\"" + about + " is assigned to you" + (task.getDueDate() == null ? "."
                                : ", due " + DUE.format(task.getDueDate().toInstant().atZone(ZoneOffset.UTC)) + "."),
                        postId, task.getId(), java.util.EnumSet.allOf(DeliveryChannel.class)));
            }
            default -> { }
        }
    }
}
