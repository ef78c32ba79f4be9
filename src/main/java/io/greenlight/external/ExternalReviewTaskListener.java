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

    private final ExternalReviews reviews;

    public ExternalReviewTaskListener(ExternalReviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> reviews.taskCreated(task);
            case EVENTNAME_COMPLETE -> reviews.taskCompleting(task);
            case EVENTNAME_DELETE -> reviews.taskDeleted(task);
            default -> { }
        }
    }
}
