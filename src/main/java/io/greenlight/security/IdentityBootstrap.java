package io.greenlight.security;

import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Makes sure, at every start, that Greenlight's groups exist with the Camunda grants they need, and that
 * Tasklist has shared filters they may read ("My tasks", "My group's tasks"); and, at every deployment, the same
 * for the candidate groups the deployed diagrams and decisions name ({@link #ensureWorkflowGroups}). Idempotent.
 */
@Component
@Order(2)
public class IdentityBootstrap implements ApplicationRunner {

    public static final String MY_TASKS = "My tasks";
    public static final String GROUP_TASKS = "My group's tasks";
    private static final String MY_TASKS_TEXT = "Tasks assigned to you";
    private static final String GROUP_TASKS_TEXT = "Unclaimed tasks for your groups: claim one to work on it";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityBootstrap.class);

    private static final Map<String, String> GROUP_NAMES = Map.of(
            Groups.CREATORS, "Content creators",
            Groups.REVIEWERS, "Reviewers",
            Groups.MANAGERS, "Social media managers",
            Groups.ANALYSTS, "Analysts",
            Groups.COMMUNITY, "Community managers",
            Groups.ADMIN, "Camunda administrators");

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final SystemAccess system;

    public IdentityBootstrap(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                             TaskService tasks, SystemAccess system) {
        this.system = system;
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String id : Groups.ALL) {
            if (identity.createGroupQuery().groupId(id).count() == 0) {
                Group group = identity.newGroup(id);
                group.setName(GROUP_NAMES.get(id));
                group.setType(Groups.ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW");
                identity.saveGroup(group);
            }
        }
        String mine = filter(MY_TASKS, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), -10,
                MY_TASKS_TEXT);
        String group = filter(GROUP_TASKS, tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"),
                -5, GROUP_TASKS_TEXT);
        for (String id : Groups.ALL) {
            grant(id, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(id, Resources.FILTER, mine, Permissions.READ);
            grant(id, Resources.FILTER, group, Permissions.READ);
            // Everyone in the team may read every post (as on our pages); Tasklist needs this to show the
            // post's title and author in the task list. Deciding is still limited to the task's candidates.
            grant(id, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE);
        }
        // What Camunda Admin's "create initial user" would grant: everything, to camunda-admin.
        for (Resources resource : Resources.values()) {
            grant(Groups.ADMIN, resource, "*", Permissions.ALL);
        }
        grant(Groups.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY);
        grant(Groups.MANAGERS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        ownersAndStages(mine, group);
        LOG.info("Groups, grants and Tasklist filters are in place");
    }

    /** Groups Greenlight sets up beside its own, with their names; any other group a deployment names is added too. */
    private static final Map<String, String> WORKFLOW_GROUPS = Map.of(
            Groups.PROCESS_OWNERS, "Process owners",
            "legal", "Legal review",
            "regional-lead", "Regional leads",
            "executive", "Executives");

    /**
     * {@code process-owners} deploy diagrams, decisions and forms (Camunda Modeler → /engine-rest) and see
     * them in Cockpit; the review stages approval-routing.dmn returns have groups of their own, which get what
     * every Greenlight group gets. A stage added later gets its group when a deployment names it
     * ({@link #ensureWorkflowGroups}).
     */
    private void ownersAndStages(String myTasksFilter, String groupTasksFilter) {
        WORKFLOW_GROUPS.forEach((id, name) -> workflowGroup(id, name, myTasksFilter, groupTasksFilter));
        grant(Groups.PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.PROCESS_OWNERS, Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ);
        grant(Groups.PROCESS_OWNERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY);
        grant(Groups.PROCESS_OWNERS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(Groups.PROCESS_OWNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    }

    /**
     * New groups just work: each group a deployed diagram or decision names as a candidate group gets created, when
     * it does not exist, with what Greenlight's groups have: Tasklist, read on the shared filters (created too if this
     * runs before the start-up set-up) and on the processes. Greenlight's own groups are left to {@link #run}.
     * Runs without the caller's authorization (a process owner deploying from Modeler may not create groups
     * themselves); a group id the engine refuses is logged and skipped.
     */
    public void ensureWorkflowGroups(Collection<String> ids) {
        String[] shared = system.call(() -> new String[]{
                filter(MY_TASKS, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), -10, MY_TASKS_TEXT),
                filter(GROUP_TASKS, tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"), -5,
                        GROUP_TASKS_TEXT)});
        for (String id : ids) {
            if (Groups.ALL.contains(id)) {
                continue;
            }
            try {
                system.run(() -> workflowGroup(id, WORKFLOW_GROUPS.getOrDefault(id, id), shared[0], shared[1]));
            } catch (RuntimeException e) {
                LOG.warn("Cannot set up the candidate group '{}' a deployment names: {}", id, e.getMessage());
            }
        }
    }

    /**
     * Gives a group that only a diagram or decision named what every Greenlight group gets (the People page calls this
     * when someone joins such a group). Idempotent; Greenlight's own groups are already set up at start-up.
     */
    public void equip(String groupId) {
        ensureWorkflowGroups(java.util.List.of(groupId));
    }

    private void workflowGroup(String id, String name, String myTasksFilter, String groupTasksFilter) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group g = identity.newGroup(id);
            g.setName(name);
            g.setType("WORKFLOW");
            identity.saveGroup(g);
            LOG.info("Created the group '{}' with Tasklist access and the shared filters", id);
        }
        grant(id, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(id, Resources.FILTER, myTasksFilter, Permissions.READ);
        grant(id, Resources.FILTER, groupTasksFilter, Permissions.READ);
        grant(id, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE);
    }

    private String filter(String name, TaskQuery query, int priority, String description) {
        Filter existing = filters.createFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Filter filter = filters.newTaskFilter(name)
                .setQuery(query)
                .setProperties(Map.of(
                        "description", description,
                        "priority", priority,
                        "refresh", true,
                        "variables", List.of(
                                Map.of("name", "title", "label", "Post"),
                                Map.of("name", "author", "label", "Author"),
                                Map.of("name", "scheduledAtText", "label", "Scheduled"))));
        filters.saveFilter(filter);
        return filter.getId();
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization auth = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
        if (auth == null) {
            auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            auth.setGroupId(group);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        boolean changed = auth.getId() == null;
        for (Permission p : permissions) {
            if (!auth.isPermissionGranted(p)) {
                auth.addPermission(p);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(auth);
        }
    }
}
