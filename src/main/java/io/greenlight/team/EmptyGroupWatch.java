package io.greenlight.team;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.post.TimelineNotes;
import io.greenlight.security.UserAccounts;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Built into every user task, after the routing to backups: a task created for candidate groups none of which has an
 * active member would wait unseen until its deadline. It gets a note on the post's timeline ("waiting for legal,
 * which has no members — add someone on the People page") and the managers are told at once
 * ({@link TaskWaitsForEmptyGroup}). A task that has an assignee or a candidate user can be worked on and is left
 * alone.
 */
@Component
public class EmptyGroupWatch {

    private final Directory directory;
    private final UserAccounts accounts;
    private final TimelineNotes notes;
    private final ApplicationEventPublisher events;

    public EmptyGroupWatch(Directory directory, UserAccounts accounts, TimelineNotes notes, ApplicationEventPublisher events) {
        this.directory = directory;
        this.accounts = accounts;
        this.notes = notes;
        this.events = events;
    }

    public void created(DelegateTask task) {
        if (task.getAssignee() != null) {
            return;
        }
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : task.getCandidates()) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getUserId() != null) {
                return;
            }
            if (link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        Set<String> inactive = accounts.inactive();
        for (String group : groups) {
            if (directory.members(group).stream().anyMatch(u -> !inactive.contains(u))) {
                return;
            }
        }
        String postId = task.getExecution().getProcessBusinessKey();
        Object title = task.getExecution().getVariable(ProcessBindings.TITLE);
        String names = String.join(" or ", groups);
        notes.add(postId, "waiting", null, "\"" + task.getName() + "\" is waiting for " + names + ", which "
                + (groups.size() == 1 ? "has" : "have") + " no members — add someone on the People page.");
        events.publishEvent(new TaskWaitsForEmptyGroup(postId, title == null ? null : title.toString(), task.getName(),
                List.copyOf(groups)));
    }
}
