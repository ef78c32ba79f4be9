package io.greenlight.review;

import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's own SQL selects and orders exactly what Camunda's {@code or()} query does (assigned to the user, or
 * unassigned and offered to the user or one of their groups; earliest due, then oldest), pages it, counts up to a cap
 * and reads the page's candidate groups in one query. Standalone tasks with this test's own users and groups, so other
 * tests' tasks do not count.
 */
@SpringBootTest
@ActiveProfiles("test")
class InboxQueryTest {

    @Autowired
    InboxQuery query;
    @Autowired
    ReviewInbox inbox;
    @Autowired
    TaskService tasks;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String ann = "iq-ann-" + run;
    private final String bob = "iq-bob-" + run;
    private final String team = "iq-team-" + run;
    private final String other = "iq-other-" + run;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void tasks() {
        long day = 86_400_000L;
        long now = System.currentTimeMillis();
        task("assigned to ann, due in 3 days", ann, new Date(now + 3 * day), null, null);
        task("offered to ann herself, due tomorrow", null, new Date(now + day), ann, null);
        task("offered to her team, due in 2 days", null, new Date(now + 2 * day), null, team);
        task("offered to her team, no due date", null, null, null, team);
        task("offered to her team and another group, due in 4 days", null, new Date(now + 4 * day), null, team, other);
        task("offered to her team but claimed by bob", bob, new Date(now + day / 2), null, team);
        task("offered to another group only", null, new Date(now), null, other);
        task("offered to nobody", null, new Date(now), null, null);
        task("assigned to bob", bob, new Date(now), null, null);
    }

    @AfterEach
    void remove() {
        created.forEach(id -> tasks.deleteTask(id, true));
    }

    @Test
    void selectsAndOrdersWhatCamundasOwnQueryDoes() {
        CurrentUser user = new CurrentUser(ann, Set.of(team));
        List<String> camunda = camundaQuery(user).orderByDueDate().asc().orderByTaskCreateTime().asc().list()
                .stream().map(Task::getId).toList();
        List<String> ours = query.pageIds(user, null, 0, 100);

        // the same tasks in the same order (a missing due date sorts as the database sorts nulls, as Camunda's does)
        assertThat(ours).hasSize(5).containsExactlyElementsOf(camunda);
        assertThat(names(ours)).filteredOn(n -> !n.endsWith("no due date")).containsExactly(
                "offered to ann herself, due tomorrow", "offered to her team, due in 2 days",
                "assigned to ann, due in 3 days", "offered to her team and another group, due in 4 days");
        assertThat(query.count(user, null, Long.MAX_VALUE)).isEqualTo(camundaQuery(user).count()).isEqualTo(5);

        CurrentUser stranger = new CurrentUser("iq-nobody-" + run, Set.of());
        assertThat(query.pageIds(stranger, null, 0, 100)).isEmpty();
        assertThat(query.count(stranger, null, Long.MAX_VALUE)).isZero();
    }

    @Test
    void pagesCountsUpToTheCapAndReadsTheGroupsOfAPage() {
        CurrentUser user = new CurrentUser(ann, Set.of(team));
        List<String> all = query.pageIds(user, null, 0, 100);
        assertThat(query.pageIds(user, null, 0, 2)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(query.pageIds(user, null, 2, 2)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(query.pageIds(user, null, 4, 2)).containsExactlyElementsOf(all.subList(4, 5));
        assertThat(query.count(user, null, 3)).isEqualTo(3);

        String both = created.get(4);
        assertThat(query.candidateGroups(all).get(both)).containsExactlyInAnyOrder(team, other);
        assertThat(query.candidateGroups(all).get(created.get(0))).isNull();   // assigned, no candidates

        // the page as the inbox shows it: its tasks, in order, with their groups, and a total
        ReviewInbox.Page page = inbox.of(user, null, 0, 2, false);
        assertThat(page.tasks()).extracting(ReviewInbox.TaskView::id).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.totalIsLowerBound()).isFalse();
        assertThat(inbox.of(user, null, 0, 10, false).tasks()).filteredOn(t -> t.name().endsWith("due in 2 days"))
                .singleElement().satisfies(t -> assertThat(t.candidateGroups()).containsExactly(team));
    }

    @Test
    void thePostsTasksAreTheInboxsSelectionForThosePosts() {
        String deployment = repository.createDeployment().name("inbox-query-test-" + run).source("test")
                .addModelInstance("inbox-query-" + run + ".bpmn", Bpmn.createExecutableProcess("inboxQuery" + run)
                        .camundaHistoryTimeToLive(1).startEvent().userTask("check").name("Check").endEvent().done())
                .deploy().getId();
        try {
            long now = System.currentTimeMillis();
            String first = post(now + 2 * 86_400_000L, null, team);   // offered to her team
            String second = post(now + 86_400_000L, ann, null);        // offered to ann herself, due sooner
            String claimed = post(now, null, team);                    // her team's, but claimed by bob
            tasks.claim(taskOf(claimed), bob);
            String others = post(now, null, other);                    // another group's only
            String elsewhere = post(now, null, team);                  // hers, but not one of the posts asked for
            List<String> asked = new ArrayList<>(List.of(first, second, claimed, others));
            for (int i = 0; i < InboxQuery.IN_LIST; i++) {             // more than one IN list of posts, most unknown
                asked.add("iq-none-" + run + "-" + i);
            }
            CurrentUser user = new CurrentUser(ann, Set.of(team));

            List<String> camunda = camundaQuery(user).processInstanceBusinessKeyIn(first, second, claimed, others)
                    .orderByDueDate().asc().list().stream().map(Task::getId).toList();
            assertThat(query.idsOfPosts(user, asked)).containsExactly(taskOf(second), taskOf(first))
                    .containsExactlyElementsOf(camunda);
            assertThat(inbox.ofPosts(user, asked)).extracting(ReviewInbox.TaskView::postId).containsExactly(second, first);
            assertThat(inbox.ofPosts(user, asked)).extracting(ReviewInbox.TaskView::candidateGroups)
                    .containsExactly(List.of(), List.of(team));
            assertThat(query.idsOfPosts(new CurrentUser(bob, Set.of()), asked)).containsExactly(taskOf(claimed));
            assertThat(query.idsOfPosts(user, List.of(elsewhere))).containsExactly(taskOf(elsewhere));
            assertThat(inbox.ofPosts(user, List.of())).isEmpty();
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    private String post(long due, String candidateUser, String group) {
        String key = "iq-post-" + run + "-" + UUID.randomUUID().toString().substring(0, 6);
        runtime.startProcessInstanceByKey("inboxQuery" + run, key);
        String task = taskOf(key);
        tasks.setDueDate(task, new Date(due));
        if (candidateUser != null) {
            tasks.addCandidateUser(task, candidateUser);
        }
        if (group != null) {
            tasks.addCandidateGroup(task, group);
        }
        return key;
    }

    private String taskOf(String postId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(postId).singleResult().getId();
    }

    private TaskQuery camundaQuery(CurrentUser user) {
        return tasks.createTaskQuery().or().taskAssignee(user.id()).taskCandidateUser(user.id())
                .taskCandidateGroupIn(List.copyOf(user.groups())).endOr();
    }

    private List<String> names(List<String> ids) {
        return ids.stream().map(id -> tasks.createTaskQuery().taskId(id).singleResult().getName()).toList();
    }

    private void task(String name, String assignee, Date due, String candidateUser, String... groups) {
        Task task = tasks.newTask();
        task.setName(name);
        task.setAssignee(assignee);
        task.setDueDate(due);
        tasks.saveTask(task);
        created.add(task.getId());
        if (candidateUser != null) {
            tasks.addCandidateUser(task.getId(), candidateUser);
        }
        for (String group : groups == null ? new String[0] : groups) {
            if (group != null) {
                tasks.addCandidateGroup(task.getId(), group);
            }
        }
    }
}
