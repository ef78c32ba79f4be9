package io.greenlight.review;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tasks a user may work on (assigned to them, or offered to them or their groups), and claiming and
 * completing them. Claiming and completing run with the user's engine authentication, so Camunda's authorizations
 * and Greenlight's review rules apply exactly as they do in Tasklist and on /engine-rest; listing selects by
 * assignee and candidates itself (see {@link #of(CurrentUser, String, int, int)}).
 */
@Service
public class ReviewInbox {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final SystemAccess system;
    private final InboxQuery query;

    public ReviewInbox(TaskService tasks, RuntimeService runtime, SystemAccess system, InboxQuery query) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.system = system;
        this.query = query;
    }

    public record TaskView(String id, String taskKey, String name, String postId, String title, String author,
                           String assignee, List<String> candidateGroups, Date created, Date due, boolean mine,
                           String form) {
    }

    /**
     * One page of the tasks a user may work on, earliest due first, and how many there are in all; with
     * {@code totalIsLowerBound} there are at least {@code total} (the page stops counting at {@link InboxQuery#COUNT_CAP}).
     */
    public record Page(List<TaskView> tasks, long total, boolean totalIsLowerBound, int first, int size) {
        public boolean hasPrevious() {
            return first > 0;
        }

        public boolean hasNext() {
            return first + tasks.size() < total;
        }
    }

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    /**
     * Tasks assigned to the user, or unassigned and offered to them or one of their groups, paged in the database
     * ({@link InboxQuery}), so a team with thousands of open reviews still gets its inbox at once. The total stops
     * at {@link InboxQuery#COUNT_CAP}.
     */
    public Page of(CurrentUser user, int first, int size) {
        return of(user, null, first, size, false);
    }

    /**
     * As {@link #of(CurrentUser, int, int)}, only the tasks of one post when {@code postId} is given, and the exact
     * total when {@code exactTotal} (the API's X-Total-Count).
     */
    public Page of(CurrentUser user, String postId, int first, int size, boolean exactTotal) {
        int from = Math.max(0, first);
        int max = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        // Selected by assignee and candidates without the engine's authorization check: Camunda creates a task grant
        // for every assignee and candidate and Greenlight never revokes one, so the selection is what Camunda grants.
        // Claiming and deciding still run with authorization.
        return system.call(() -> {
            List<String> ids = query.pageIds(user, postId, from, max);
            List<Task> page = inOrder(ids);
            // a page that is not full holds the rest: no second pass to count them
            long total;
            boolean lowerBound = false;
            if (ids.size() < max && (from == 0 || !ids.isEmpty())) {
                total = from + ids.size();
            } else if (exactTotal) {
                total = query.count(user, postId, Long.MAX_VALUE);
            } else {
                total = query.count(user, postId, InboxQuery.COUNT_CAP + 1L);
                if (total > InboxQuery.COUNT_CAP) {
                    total = InboxQuery.COUNT_CAP;
                    lowerBound = true;
                }
            }
            return new Page(views(page, user), total, lowerBound, from, max);
        });
    }

    /** The tasks of these ids with their form keys, in the ids' order (a task completed meanwhile is left out). */
    private List<Task> inOrder(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Task> byId = tasks.createTaskQuery().taskIdIn(ids.toArray(String[]::new)).initializeFormKeys().list()
                .stream().collect(Collectors.toMap(Task::getId, t -> t));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Every task the user may work on among these posts' tasks (e.g. one holiday period's reviews): the inbox's
     * selection ({@link InboxQuery#idsOfPosts}), so a task is offered here exactly when it is in the user's inbox.
     */
    public List<TaskView> ofPosts(CurrentUser user, java.util.Collection<String> postIds) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        return system.call(() -> views(inOrder(query.idsOfPosts(user, postIds)), user));
    }

    public TaskView get(CurrentUser user, String taskId) {
        return views(List.of(visible(taskId)), user).get(0);
    }

    public void claim(CurrentUser user, String taskId) {
        Task task = visible(taskId);
        if (user.id().equals(task.getAssignee())) {
            return;
        }
        try {
            tasks.claim(taskId, user.id());
        } catch (TaskAlreadyClaimedException e) {
            throw UserFacingException.conflict("This task is already claimed by " + task.getAssignee() + ".");
        }
    }

    public void unclaim(CurrentUser user, String taskId) {
        Task task = visible(taskId);
        if (task.getAssignee() == null) {
            return;
        }
        if (!user.id().equals(task.getAssignee()) && !user.isManager()) {
            throw UserFacingException.forbidden("Only " + task.getAssignee() + " or a manager can give this task back.");
        }
        // Checked above; candidates hold TASK_WORK, not TASK_ASSIGN, which the engine wants for clearing an assignee.
        system.run(() -> tasks.setAssignee(taskId, null));
    }

    /** Completes a task. For a review: {@code decision} and {@code comment}; for a revision: nothing (= resubmit). */
    public void complete(CurrentUser user, String taskId, String decision, String comment) {
        VariableMap variables = Variables.createVariables();
        if (decision != null) {
            variables.putValue(ProcessBindings.DECISION, decision);
        }
        if (comment != null) {
            variables.putValue(ProcessBindings.COMMENT, comment);
        }
        Task revision = user.isManager() ? revisionOfSomeoneElse(user, taskId) : null;
        if (revision != null) {
            // A manager may resubmit for an absent author. Camunda grants the revise task to its assignee only,
            // so this runs without engine authorization; the revise listener still checks author-or-manager.
            system.run(() -> tasks.complete(taskId, variables));
            return;
        }
        visible(taskId);
        tasks.complete(taskId, variables);
    }

    private Task revisionOfSomeoneElse(CurrentUser user, String taskId) {
        if (taskId == null || taskId.length() > 64) {
            return null;
        }
        Task task = system.call(() -> tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
        boolean revision = task != null && task.getCamundaFormRef() != null
                && ProcessBindings.REVISE_FORM.equals(task.getCamundaFormRef().getKey());
        return revision && !user.id().equals(task.getAssignee()) ? task : null;
    }

    private Task visible(String taskId) {
        Task task = taskId == null || taskId.length() > 64 ? null
                : tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            throw UserFacingException.notFound("There is no open task '" + taskId + "' that you can see. "
                    + "It may have been completed already.");
        }
        return task;
    }

    private List<TaskView> views(List<Task> list, CurrentUser user) {
        if (list.isEmpty()) {
            return List.of();
        }
        Set<String> instanceIds = list.stream().map(Task::getProcessInstanceId).filter(id -> id != null).collect(Collectors.toSet());
        return system.call(() -> {
            Map<String, String> businessKeys = instanceIds.isEmpty() ? Map.of()
                    : runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
                    .collect(Collectors.toMap(ProcessInstance::getId,
                            p -> p.getBusinessKey() == null ? "" : p.getBusinessKey()));
            // the page's titles and authors in one query, not two per task
            Map<String, Map<String, Object>> vars = new HashMap<>();
            if (!instanceIds.isEmpty()) {
                runtime.createVariableInstanceQuery().variableScopeIdIn(instanceIds.toArray(String[]::new))
                        .variableNameIn(ProcessBindings.TITLE, ProcessBindings.AUTHOR).disableBinaryFetching().list()
                        .forEach(v -> vars.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>())
                                .put(v.getName(), v.getValue()));
            }
            // the page's candidate groups in one query, not one engine command per task
            Map<String, List<String>> candidateGroups = query.candidateGroups(list.stream().map(Task::getId).toList());
            return list.stream().map(t -> {
                Map<String, Object> own = vars.getOrDefault(t.getProcessInstanceId(), Map.of());
                List<String> groups = candidateGroups.getOrDefault(t.getId(), List.of());
                // a task created by hand in Tasklist belongs to no process (and so to no post)
                String postId = t.getProcessInstanceId() == null ? null : businessKeys.get(t.getProcessInstanceId());
                return new TaskView(t.getId(), t.getTaskDefinitionKey(), t.getName(), postId,
                        (String) own.get(ProcessBindings.TITLE), (String) own.get(ProcessBindings.AUTHOR), t.getAssignee(),
                        groups, t.getCreateTime(), t.getDueDate(), user.id().equals(t.getAssignee()),
                        t.getCamundaFormRef() == null ? null : t.getCamundaFormRef().getKey());
            }).toList();
        });
    }
}
