package io.greenlight.team;

import io.greenlight.post.TimelineNotes;
import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Built into every user task: while a user is away, a task assigned to them — or whose only candidate they
 * are — goes to their backup, with a note on the post's timeline. When someone else assigns a task to an absent
 * user, it goes to the backup too; an absent user claiming a task themselves keeps it. A review never goes to a
 * backup who wrote the post (four-eyes): it goes back to its group instead.
 */
@Component
public class BackupRouting implements TaskListener {

    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Absences absences;
    private final TimelineNotes notes;

    public BackupRouting(Absences absences, TimelineNotes notes) {
        this.absences = absences;
        this.notes = notes;
    }

    @Override
    public void notify(DelegateTask task) {
        notify(task, false);
    }

    /** {@code review}: the task has the form {@code review-post} (known when the diagram is parsed). */
    public void notify(DelegateTask task, boolean review) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                if (task.getAssignee() != null) {
                    reassign(task, task.getAssignee(), review);
                } else {
                    soleCandidate(task);
                }
            }
            case EVENTNAME_ASSIGNMENT -> {
                String assignee = task.getAssignee();
                Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
                if (assignee != null && (auth == null || !assignee.equals(auth.getUserId()))) {
                    reassign(task, assignee, review);
                }
            }
            default -> { }
        }
    }

    private void reassign(DelegateTask task, String assignee, boolean review) {
        Optional<Absence> cover = absences.cover(assignee);
        if (cover.isEmpty()) {
            return;
        }
        String backup = cover.get().getBackupId();
        String postId = task.getExecution().getProcessBusinessKey();
        if (review && backup.equals(task.getExecution().getVariable(ProcessBindings.AUTHOR))) {
            task.setAssignee(null);
            notes.add(postId, "backup", null, "\"" + task.getName() + "\" went back to its group: " + assignee
                    + " is away until " + until(cover.get()) + " and their backup " + backup + " wrote this post.");
            return;
        }
        task.setAssignee(backup);
        notes.add(postId, "backup", null, "\"" + task.getName() + "\" assigned to " + backup + " as backup of " + assignee
                + " (away until " + until(cover.get()) + ")" + note(cover.get()));
    }

    private void soleCandidate(DelegateTask task) {
        List<IdentityLink> candidates = task.getCandidates().stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(l -> (IdentityLink) l).toList();
        if (candidates.size() != 1 || candidates.get(0).getUserId() == null) {
            return;
        }
        String user = candidates.get(0).getUserId();
        absences.cover(user).ifPresent(cover -> {
            // identity links of a task being created are not flushed yet, so the absent candidate cannot be removed
            // here; the backup gets the task itself instead
            task.setAssignee(cover.getBackupId());
            notes.add(task.getExecution().getProcessBusinessKey(), "backup", null, "\"" + task.getName() + "\" assigned to "
                    + cover.getBackupId() + ", backup of its only candidate " + user + " (away until " + until(cover) + ")"
                    + note(cover));
        });
    }

    static String until(Absence a) {
        return WHEN.format(a.getEndsAt().atZoneSameInstant(ZoneOffset.UTC));
    }

    static String note(Absence a) {
        return a.getNote() == null ? "" : ": " + a.getNote();
    }
}
