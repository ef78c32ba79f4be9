package io.greenlight.team;

import io.greenlight.post.TimelineNotes;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * When an absence starts (set for now, or its start time comes), the tasks already assigned to the absent user go to
 * their backup — reviews never to a backup who wrote the post (those go back to their group). Notes on the timeline.
 */
@Component
public class HandOver {

    private final Absences absences;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final SystemAccess system;
    private final TimelineNotes notes;

    public HandOver(Absences absences, TaskService tasks, RuntimeService runtime, SystemAccess system, TimelineNotes notes) {
        this.absences = absences;
        this.tasks = tasks;
        this.runtime = runtime;
        this.system = system;
        this.notes = notes;
    }

    /** Moves the user's open tasks to their backup if they are away now; returns how many moved. */
    public int handOver(String userId) {
        Optional<Absence> cover = absences.cover(userId);
        if (cover.isEmpty()) {
            return 0;
        }
        Absence absence = cover.get();
        return system.call(() -> {
            int moved = 0;
            for (Task task : tasks.createTaskQuery().taskAssignee(userId).initializeFormKeys().list()) {
                String postId = task.getProcessInstanceId() == null ? null : runtime.createProcessInstanceQuery()
                        .processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
                Object author = task.getExecutionId() == null ? null : runtime.getVariable(task.getExecutionId(), ProcessBindings.AUTHOR);
                boolean review = task.getCamundaFormRef() != null && ProcessBindings.REVIEW_FORM.equals(task.getCamundaFormRef().getKey());
                if (review && absence.getBackupId().equals(author)) {
                    tasks.setAssignee(task.getId(), null);
                    notes.add(postId, "backup", null, "\"" + task.getName() + "\" went back to its group: " + userId
                            + " is away until " + BackupRouting.until(absence) + " and their backup " + absence.getBackupId()
                            + " wrote this post.");
                } else {
                    tasks.setAssignee(task.getId(), absence.getBackupId());
                    notes.add(postId, "backup", null, "\"" + task.getName() + "\" assigned to " + absence.getBackupId()
                            + " as backup of " + userId + " (away until " + BackupRouting.until(absence) + ")"
                            + BackupRouting.note(absence));
                }
                moved++;
            }
            return moved;
        });
    }

    /** Every user away now hands over (run by {@link AbsenceSweep} when absences start). */
    public int sweep() {
        int moved = 0;
        for (String user : absences.activeNow().stream().map(Absence::getUserId).distinct().toList()) {
            moved += handOver(user);
        }
        return moved;
    }
}
