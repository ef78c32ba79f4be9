package io.greenlight.notify;

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
 *       author), {@code candidates} (whoever may act on this post's open review tasks: the assignee, or the
 *       candidate users and members of candidate groups);</li>
 *   <li>{@code message}: the text; expressions such as {@code ${title}} are resolved.</li>
 * </ul>
 */
@Component("notify")
public class Notify implements JavaDelegate {

    private final Notifications notifications;

    public Notify(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object recipients = execution.getVariableLocal("recipients");
        Object message = execution.getVariableLocal("message");
        if (recipients == null || message == null) {
            throw new IllegalArgumentException("notify needs the input parameters 'recipients' and 'message'");
        }
        Set<String> users = resolve(recipients.toString(), execution);
        notifications.send(users, message.toString(), execution.getProcessBusinessKey());
    }

    Set<String> resolve(String spec, DelegateExecution execution) {
        ProcessEngineServices engine = execution.getProcessEngineServices();
        IdentityService identity = engine.getIdentityService();
        Set<String> users = new LinkedHashSet<>();
        for (String token : spec.split(",")) {
            String t = token.strip();
            if (t.startsWith("user:")) {
                users.add(t.substring(5).strip());
            } else if (t.startsWith("group:")) {
                users.addAll(members(identity, t.substring(6).strip()));
            } else if (t.equals("author")) {
                Object author = execution.getVariable("author");
                if (author != null) {
                    users.add(author.toString());
                }
            } else if (t.equals("candidates")) {
                for (Task task : engine.getTaskService().createTaskQuery()
                        .processInstanceId(execution.getProcessInstanceId()).list()) {
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
