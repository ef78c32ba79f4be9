package io.greenlight.team;

import io.greenlight.notify.Delivery;
import io.greenlight.notify.DeliveryRepository;
import io.greenlight.security.LoopbackClient;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.ActiveProfiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The People page manages users and groups in Camunda's identity store: an admin adds a user to {@code legal}, a
 * manager sees every group the deployed diagrams and the routing decision use with its members, refusals change
 * nothing, and an invited user sets a password through a one-time link.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PeopleAdminPagesTest {

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired DeliveryRepository deliveries;

    /** Users made here would join groups other tests count (reviewers, legal): remove them again. */
    @org.junit.jupiter.api.AfterEach
    void removeTheUsersMadeHere() {
        java.util.List<String> prefixes = java.util.List.of("lena", "sneaky", "shorty", "invitee");
        identity.createUserQuery().list().stream().map(org.camunda.bpm.engine.identity.User::getId)
                .filter(id -> prefixes.stream().anyMatch(id::startsWith)).forEach(identity::deleteUser);
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    private static Map<String, String> newUser(String id, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", id);
        form.put("firstName", "Lena");
        form.put("lastName", "Legal");
        form.put("email", id + "@example.org");
        form.put("groups", "legal");
        form.put("password", password);
        return form;
    }

    private LoopbackClient signIn(String user, String password) {
        LoopbackClient client = new LoopbackClient("127.0.0.1", port);
        String token = LoopbackClient.csrfToken(client.get("/login", Map.of()).body());
        LoopbackClient.Response in = client.send("POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                LoopbackClient.form(Map.of("username", user, "password", password, "_csrf", token)));
        assertThat(in.status()).isEqualTo(302);
        return in.header("Location").contains("error") ? null : client;
    }

    @Test
    void anAdminAddsAUserToLegalWhoCanSignInAndIsCounted() {
        LoopbackClient admin = LoopbackClient.signedIn(port, "admin");
        String id = unique("lena");
        LoopbackClient.Response created = admin.postForm("/admin/people", newUser(id, "correct horse battery"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.header("Location")).endsWith("/admin/people");

        assertThat(identity.createUserQuery().userId(id).singleResult().getEmail()).isEqualTo(id + "@example.org");
        assertThat(identity.createGroupQuery().groupMember(id).list()).extracting(Group::getId).containsExactly("legal");
        assertThat(authorizations.createAuthorizationQuery().userIdIn(id).count()).as("Camunda's default grant on the new user")
                .isPositive();
        assertThat(signIn(id, "correct horse battery")).as("the new user signs in").isNotNull();

        String page = admin.get("/admin/people", Map.of()).body();
        assertThat(page).contains(id + " was added", "id=\"person-" + id + "\"");
        assertThat(groupRow(page, "legal")).contains(id);

        // groups change from the user's row; a user keeps at least one group
        assertThat(admin.postForm("/admin/people/" + id + "/groups", Map.of("groups", "reviewers")).status()).isEqualTo(302);
        assertThat(identity.createGroupQuery().groupMember(id).list()).extracting(Group::getId).containsExactly("reviewers");
        LoopbackClient.Response none = admin.postForm("/admin/people/" + id + "/groups", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("keep at least one group");
        assertThat(identity.createGroupQuery().groupMember(id).list()).extracting(Group::getId).containsExactly("reviewers");

        // the group's own "add someone"
        assertThat(admin.postForm("/admin/groups/legal/members", Map.of("userId", id)).status()).isEqualTo(302);
        assertThat(identity.createUserQuery().memberOfGroup("legal").userId(id).count()).isEqualTo(1);
    }

    @Test
    void aManagerSeesEveryGroupTheModelsUseWithItsMemberCount() {
        LoopbackClient manager = LoopbackClient.signedIn(port, "manager");
        LoopbackClient.Response page = manager.get("/admin/people", Map.of());
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        // candidate groups of user tasks in the deployed post-approval diagram
        long reviewers = identity.createUserQuery().memberOfGroup("reviewers").count();
        assertThat(groupRow(body, "reviewers")).contains("post-approval: Review post",
                reviewers + (reviewers == 1 ? " member" : " members"));
        assertThat(groupRow(body, "managers")).contains("post-approval: Approved after its publishing time: decide");
        // literal outputs of the deployed approval-routing decision
        assertThat(groupRow(body, "legal")).contains("approval-routing: Promotions and claims about prices or health need legal review");
        assertThat(groupRow(body, "executive")).contains("approval-routing: Anything touching a crisis goes past an executive");
        String regional = groupRow(body, "regional-lead");
        long leads = identity.createUserQuery().memberOfGroup("regional-lead").count();
        assertThat(regional).contains("approval-routing: Regional variants", leads + (leads == 1 ? " member" : " members"));
        if (leads == 0) {
            assertThat(regional).contains("empty: its tasks wait", "group-empty");
        }
        // a manager may add people, but never make an administrator
        String addForm = body.substring(body.indexOf("id=\"add-someone\""), body.indexOf("<h2>People</h2>"));
        assertThat(addForm).contains("Add someone", "name=\"invite\"", "value=\"legal\"");
        assertThat(addForm).doesNotContain("value=\"camunda-admin\"", "value=\"process-owners\"");
    }

    @Test
    void someoneWhoIsNotAManagerIsRefused() {
        LoopbackClient creator = LoopbackClient.signedIn(port, "creator");
        assertThat(creator.get("/admin/people", Map.of()).status()).isEqualTo(403);
        String id = unique("sneaky");
        LoopbackClient.Response post = creator.postForm("/admin/people", newUser(id, "correct horse battery"));
        assertThat(post.status()).isEqualTo(403);
        assertThat(creator.postForm("/admin/people/creator/groups", Map.of("groups", "managers")).status()).isEqualTo(403);
        assertThat(creator.postForm("/admin/groups/managers/members", Map.of("userId", "creator")).status()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId(id).count()).isZero();
        assertThat(identity.createUserQuery().memberOfGroup("managers").userId("creator").count()).isZero();
    }

    @Test
    void badInputIsRefusedWithAMessageNextToTheFieldAndChangesNothing() {
        LoopbackClient manager = LoopbackClient.signedIn(port, "manager");
        String id = unique("shorty");
        LoopbackClient.Response shortPassword = manager.postForm("/admin/people", newUser(id, "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("The user was not created", "the password needs at least 8 characters",
                "class=\"field-error\"", "value=\"" + id + "\"");
        assertThat(identity.createUserQuery().userId(id).count()).isZero();

        Map<String, String> badId = newUser("no spaces please", "correct horse battery");
        assertThat(manager.postForm("/admin/people", badId).body()).contains("2-64 letters or digits");
        assertThat(manager.postForm("/admin/people", newUser("creator", "correct horse battery")).body())
                .contains("&#39;creator&#39; is taken already");

        Map<String, String> admin = newUser(id, "correct horse battery");
        admin.put("groups", "camunda-admin");
        LoopbackClient.Response escalation = manager.postForm("/admin/people", admin);
        assertThat(escalation.status()).isEqualTo(400);
        assertThat(escalation.body()).contains("only an administrator may make someone an administrator");
        Map<String, String> unknown = newUser(id, "correct horse battery");
        unknown.put("groups", "nosuchgroup");
        assertThat(manager.postForm("/admin/people", unknown).body()).contains("there is no group &#39;nosuchgroup&#39;");
        assertThat(identity.createUserQuery().userId(id).count()).isZero();
        assertThat(identity.createGroupQuery().groupId("nosuchgroup").count()).isZero();

        assertThat(manager.postForm("/admin/groups/camunda-admin/members", Map.of("userId", "creator")).status()).isEqualTo(400);
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("creator").count()).isZero();
        // process owners deploy diagrams (which may run code): also for administrators to grant only
        assertThat(manager.postForm("/admin/groups/process-owners/members", Map.of("userId", "creator")).body())
                .contains("only an administrator may add someone to process-owners");
        assertThat(identity.createUserQuery().memberOfGroup("process-owners").userId("creator").count()).isZero();
    }

    @Test
    void anInvitedUserChoosesAPasswordThroughAOneTimeLink() {
        LoopbackClient manager = LoopbackClient.signedIn(port, "manager");
        String id = unique("invitee");
        Map<String, String> form = newUser(id, "");
        form.put("invite", "true");
        assertThat(manager.postForm("/admin/people", form).status()).isEqualTo(302);
        assertThat(identity.createUserQuery().userId(id).count()).isEqualTo(1);

        List<Delivery> mails = deliveries.findByRecipientOrderByCreatedAtDesc(id, PageRequest.of(0, 5));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getTarget()).isEqualTo(id + "@example.org");
        Matcher link = Pattern.compile("https?://[^/]+(/invite/" + id + "/[A-Za-z0-9_-]+)").matcher(mails.get(0).getBodyText());
        assertThat(link.find()).as(mails.get(0).getBodyText()).isTrue();
        String path = link.group(1);

        LoopbackClient stranger = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response page = stranger.get(path, Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Choose the password for", id);
        String csrf = LoopbackClient.csrfToken(page.body());
        Map<String, String> headers = Map.of("Content-Type", "application/x-www-form-urlencoded");
        LoopbackClient.Response weak = stranger.send("POST", path, headers,
                LoopbackClient.form(Map.of("password", "short", "confirm", "short", "_csrf", csrf)));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("at least 8 characters");
        LoopbackClient.Response set = stranger.send("POST", path, headers,
                LoopbackClient.form(Map.of("password", "my own secret", "confirm", "my own secret", "_csrf", csrf)));
        assertThat(set.status()).isEqualTo(302);
        assertThat(set.header("Location")).contains("/login?invited");
        assertThat(signIn(id, "my own secret")).isNotNull();
        assertThat(stranger.get(path, Map.of()).status()).as("the link works once").isEqualTo(404);
    }

    /** The table row of a group on the People page. */
    static String groupRow(String page, String group) {
        int start = page.indexOf("id=\"group-" + group + "\"");
        assertThat(start).as("row of group %s", group).isPositive();
        int end = page.indexOf("</tr>", start);
        return page.substring(start, end);
    }
}
