package io.greenlight.external;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Built into every user task with the form {@code external-review}, whatever the diagram calls it: create sends the
 * approver a signed link, complete checks a decision made in Tasklist on the approver's behalf, delete kills the links.
 */
@Component
public class ExternalReviewTaskListener implements TaskListener {

    private final ExternalStageTasks stages;

    public ExternalReviewTaskListener(ExternalStageTasks stages) {
        this.stages = stages;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> stages.taskCreated(task);
            case EVENTNAME_COMPLETE -> stages.taskCompleting(task);
            case EVENTNAME_DELETE -> stages.taskDeleted(task);
            default -> { }
        }
    }
}
