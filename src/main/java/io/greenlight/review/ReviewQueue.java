package io.greenlight.review;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The review tasks a user may work on, in the inbox's order: what the review screen's "Review 3 of 12", previous and
 * next walk through. A review is any user task drawn with the {@code review-post} form, whatever its key, so a stage
 * a process owner adds is in the queue too.
 * <p>
 * Reads the ids, process definitions and task keys of the user's first {@value #MAX} inbox tasks in one query
 * ({@link InboxQuery#firstRows}); whether a task is a review is read once per task key of each drawing from the
 * engine's cached model, not per task.
 */
@Component
public class ReviewQueue {

    /** The queue counts this many of the user's tasks at most (as the inbox's largest page). */
    public static final int MAX = ReviewInbox.MAX_PAGE_SIZE;

    private final InboxQuery query;
    private final RepositoryService repository;
    private final SystemAccess system;

    public ReviewQueue(InboxQuery query, RepositoryService repository, SystemAccess system) {
        this.query = query;
        this.repository = repository;
        this.system = system;
    }

    /** The ids of the user's review tasks, earliest due first. */
    public List<String> of(CurrentUser user) {
        Map<String, Boolean> review = new HashMap<>();
        return system.call(() -> query.firstRows(user, MAX).stream()
                .filter(row -> review.computeIfAbsent(row.processDefinitionId() + '\n' + row.taskKey(),
                        k -> isReview(row.processDefinitionId(), row.taskKey())))
                .map(InboxQuery.Row::id).toList());
    }

    private boolean isReview(String processDefinitionId, String taskKey) {
        if (processDefinitionId == null || taskKey == null) {
            return false;   // a task created by hand in Tasklist
        }
        return repository.getBpmnModelInstance(processDefinitionId).getModelElementById(taskKey) instanceof UserTask task
                && ProcessBindings.REVIEW_FORM.equals(task.getCamundaFormRef());
    }
}
