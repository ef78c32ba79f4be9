package io.greenlight.notify;

import io.greenlight.post.TimelineNotes;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code ${notify}}: tells people something about this post. Input parameters, all set in the diagram:
 * <ul>
 *   <li>{@code recipients}: comma-separated; {@code user:ID}, {@code group:ID}, {@code author} (the post's
 *       author), {@code candidates} (whoever may act on this post's open tasks: the assignee, or the
 *       candidate users and members of candidate groups);</li>
 *   <li>{@code message}: the text; expressions such as {@code ${title}} are resolved;</li>
 *   <li>{@code template} (optional, default {@code info}): the event — {@code reminder}, {@code escalation},
 *       {@code approved}, … ({@link NotificationEvent}); it picks the e-mail subject, the users' preferences and
 *       which team chats take it;</li>
 *   <li>{@code channels} (optional, default all): {@code in-app}, {@code email}, {@code chat}, comma-separated.</li>
 * </ul>
 * Groups named (and the candidate groups of the open tasks, for {@code candidates}) are the teams whose chat webhook
 * gets the message. A note on the post's timeline says who was told how.
 */
@Component("notify")
public class Notify implements JavaDelegate {

    private final Notifications notifications;
    private final TimelineNotes notes;

    public Notify(Notifications notifications, TimelineNotes notes) {
        this.notifications = notifications;
        this.notes = notes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object recipients = execution.getVariableLocal("recipients");
        Object message = execution.getVariableLocal("message");
        if (recipients == null || message == null) {
            throw new IllegalArgumentException("notify needs the input parameters 'recipients' and 'message'");
        }
        Object template = execution.getVariableLocal("template");
        NotificationEvent event = template == null ? NotificationEvent.INFO : NotificationEvent.of(template.toString())
                .orElseThrow(() -> new IllegalArgumentException("notify: unknown template '" + template + "'; use one of "
                        + java.util.Arrays.stream(NotificationEvent.values()).map(NotificationEvent::key).toList()));
        Object channels = execution.getVariableLocal("channels");
        Set<String> teams = new LinkedHashSet<>();
        Set<String> openTasks = new LinkedHashSet<>();
        Set<String> users = resolve(recipients.toString(), execution, teams, openTasks);
        Notice notice = new Notice(event, users, teams, message.toString(), execution.getProcessBusinessKey(),
                openTasks.size() == 1 ? openTasks.iterator().next() : null,
                DeliveryChannel.parse(channels == null ? null : channels.toString()));
        Notifications.Delivered delivered = notifications.deliver(notice);
        notes.add(execution.getProcessBusinessKey(), switch (event) {
            case REMINDER -> "reminder";
            case ESCALATION -> "escalation";
            default -> "notified";
        }, null, event.label() + " sent to " + delivered.describe() + ": " + message);
    }

    Set<String> resolve(String spec, DelegateExecution execution) {
        return resolve(spec, execution, new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    Set<String> resolve(String spec, DelegateExecution execution, Set<String> teams, Set<String> openTasks) {
        ProcessEngineServices engine = execution.getProcessEngineServices();
        IdentityService identity = engine.getIdentityService();
        Set<String> users = new LinkedHashSet<>();
        for (String token : spec.split(",")) {
            String t = token.strip();
            if (t.startsWith("user:")) {
                users.add(t.substring(5).strip());
            } else if (t.startsWith("group:")) {
                String group = t.substring(6).strip();
                users.addAll(members(identity, group));
                teams.add(group);
            } else if (t.equals("author")) {
                Object author = execution.getVariable("author");
                if (author != null) {
                    users.add(author.toString());
                }
            } else if (t.equals("candidates")) {
                for (Task task : engine.getTaskService().createTaskQuery()
                        .processInstanceId(execution.getProcessInstanceId()).list()) {
                    openTasks.add(task.getId());
                    for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
                        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                            teams.add(link.getGroupId());
                        }
                    }
                    if (task.getAssignee() != null) {
                        users.add(task.getAssignee());
                        continue;
                    }
                    for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
                        if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                            continue;
                        }
                        if (link.getUserId() != null) {
                            users.add(link.getUserId());
                        } else if (link.getGroupId() != null) {
                            users.addAll(members(identity, link.getGroupId()));
                        }
                    }
                }
            } else if (!t.isEmpty()) {
                throw new IllegalArgumentException("notify: unknown recipient '" + t
                        + "'; use user:ID, group:ID, author or candidates");
            }
        }
        return users;
    }

    private static Set<String> members(IdentityService identity, String group) {
        Set<String> ids = new LinkedHashSet<>();
        for (User u : identity.createUserQuery().memberOfGroup(group).list()) {
            ids.add(u.getId());
        }
        return ids;
    }
}
