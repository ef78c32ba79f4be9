package io.greenlight.security;

import io.greenlight.post.TimelineNote;
import io.greenlight.post.TimelineNotes;
import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.team.PeopleService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.greenlight.security.LoopbackClient.basic;
import static io.greenlight.security.LoopbackClient.headers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 *, offboarding: a deactivated user cannot sign in anywhere (our pages, /api, /engine-rest, the Camunda
 * webapps), loses the sessions they had, their open tasks go back to their group, and their history stays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OffboardingTest {

    static final String WHO = "/camunda/api/admin/auth/user/default";

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired TaskService tasks;
    @Autowired PostService posts;
    @Autowired TimelineNotes notes;
    @Autowired PeopleService people;

    String leaver(String... groups) {
        String id = "h5leaver" + (System.nanoTime() % 1_000_000_000L);
        User u = identity.newUser(id);
        u.setPassword(id);
        identity.saveUser(u);
        for (String g : groups) {
            identity.createMembership(id, g);
        }
        return id;
    }

    LoopbackClient.Response api(String user, String method, String path) {
        return new LoopbackClient("127.0.0.1", port).send(method, path,
                headers("Authorization", basic(user, user), "Accept", "application/json"), method.equals("GET") ? null : "");
    }

    @Test
    void aDeactivatedUserCannotSignInAnywhereAndLosesTheirSessions() {
        String leaver = leaver(Groups.CREATORS);
        LoopbackClient session = LoopbackClient.signedIn(port, leaver);
        session.get("/camunda/app/tasklist/default/", Map.of());
        assertThat(session.get(WHO, headers("Accept", "application/json")).status()).isEqualTo(200);
        assertThat(api(leaver, "GET", "/api/posts").status()).isEqualTo(200);
        assertThat(api(leaver, "GET", "/engine-rest/task").status()).isEqualTo(200);

        // not by a manager, not by themselves: administrators only
        assertThat(api("manager", "POST", "/api/users/" + leaver + "/deactivate").status()).isEqualTo(403);
        assertThat(api("admin", "POST", "/api/users/admin/deactivate").status()).isEqualTo(400);
        LoopbackClient.Response done = api("admin", "POST", "/api/users/" + leaver + "/deactivate");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(api("admin", "POST", "/api/users/" + leaver + "/deactivate").status()).as("already").isEqualTo(409);

        assertThat(api(leaver, "GET", "/api/posts").status()).isEqualTo(401);
        assertThat(api(leaver, "GET", "/engine-rest/task").status()).isEqualTo(401);
        LoopbackClient fresh = new LoopbackClient("127.0.0.1", port);
        String token = LoopbackClient.csrfToken(fresh.get("/login", Map.of()).body());
        LoopbackClient.Response form = fresh.send("POST", "/login", headers("Content-Type", "application/x-www-form-urlencoded"),
                LoopbackClient.form(Map.of("username", leaver, "password", leaver, "_csrf", token)));
        assertThat(form.header("Location")).contains("/login?error");
        // the webapps' own login (Tasklist, Cockpit, Admin)
        LoopbackClient webapp = new LoopbackClient("127.0.0.1", port);
        webapp.get("/camunda/app/tasklist/default/", Map.of());
        LoopbackClient.Response in = webapp.send("POST", WHO + "/login/tasklist",
                headers("Content-Type", "application/x-www-form-urlencoded", "X-XSRF-TOKEN", webapp.cookie("XSRF-TOKEN")),
                "username=" + leaver + "&password=" + leaver);
        assertThat(in.status()).isIn(401, 403);
        // the session they had: our pages and the webapps alike
        assertThat(session.get("/posts", Map.of()).status()).isEqualTo(302);
        assertThat(session.get(WHO, headers("Accept", "application/json")).status()).isNotEqualTo(200);
        // history kept: the user still exists in Camunda
        assertThat(identity.createUserQuery().userId(leaver).count()).isOne();
    }

    @Test
    void openTasksGoBackToTheGroupWithANote() {
        String leaver = leaver(Groups.CREATORS);
        CurrentUser author = new CurrentUser(leaver, Set.of(Groups.CREATORS));
        Post post = posts.create(author, new PostCommand("Leaving " + System.nanoTime(), null, null, "UTC",
                List.of(new VariantContent("local", "Bye", null))));
        posts.submit(author, post.getId());
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        // someone claimed the review, then leaves too
        String reviewer = leaver();
        tasks.setAssignee(review.getId(), reviewer);

        assertThat(api("admin", "POST", "/api/users/" + reviewer + "/deactivate").status()).isEqualTo(200);

        Task back = tasks.createTaskQuery().taskId(review.getId()).singleResult();
        assertThat(back.getAssignee()).isNull();
        assertThat(tasks.getIdentityLinksForTask(back.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(IdentityLink::getGroupId))
                .containsExactly("reviewers");
        assertThat(notes.of(post.getId()).stream().map(TimelineNote::getText))
                .contains(reviewer + " was deactivated: \"Review post\" is back with reviewers.");
    }

    @Autowired io.greenlight.team.Directory directory;
    @Autowired io.greenlight.security.UserAccounts accounts;
    @Autowired io.greenlight.team.Absences absences;
    @Autowired io.greenlight.team.HandOver handOver;
    @Autowired io.greenlight.team.TeamSettingsRepository teamRepository;
    @Autowired io.greenlight.security.SecretBox secrets;

    @Test
    void reviewGroupsWithFewerThanTwoActiveMembersAreFlagged() {
        String group = "h5team" + (System.nanoTime() % 1_000_000L);
        org.camunda.bpm.engine.identity.Group g = identity.newGroup(group);
        identity.saveGroup(g);
        String first = leaver(group);
        String second = leaver(group);
        PeopleService withDuty = new PeopleService(directory, accounts, absences, handOver,
                new io.greenlight.team.Teams(teamRepository, secrets, "UTC", "reviewers, " + group));
        assertThat(withDuty.warnings()).extracting(PeopleService.Warning::group).doesNotContain("reviewers", group);

        assertThat(api("admin", "POST", "/api/users/" + second + "/deactivate").status()).isEqualTo(200);
        assertThat(withDuty.warnings()).extracting(PeopleService.Warning::group).containsExactly(group);
        assertThat(withDuty.warnings().get(0).message()).contains("has 1 active member");

        LoopbackClient admin = LoopbackClient.signedIn(port, "admin");
        LoopbackClient.Response page = admin.get("/admin/people", Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("People and teams", first, "deactivated", "Reactivate");
    }
}
