package io.greenlight.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.Map;

import static io.greenlight.security.LoopbackClient.headers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One login between our pages and the Camunda webapps. The webapps decide whether someone is signed in by asking
 * {@code GET /camunda/api/admin/auth/user/default} (200 with the user, else 404); Tasklist's own calls go to
 * {@code /camunda/api/engine/engine/default/...}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SingleSignOnTest {

    static final String WHO = "/camunda/api/admin/auth/user/default";

    @LocalServerPort
    int port;

    @Test
    void signedInToOurPagesMeansSignedInToTasklistAndSigningOutEndsBoth() {
        LoopbackClient reviewer = LoopbackClient.signedIn(port, "reviewer");
        LoopbackClient.Response who = reviewer.get(WHO, headers("Accept", "application/json"));
        assertThat(who.status()).as(who.body()).isEqualTo(200);
        assertThat(who.body()).contains("\"userId\":\"reviewer\"").contains("tasklist");
        // Tasklist's own API answers for this user: the shared filters are readable
        LoopbackClient.Response filters = reviewer.get("/camunda/api/engine/engine/default/filter?resourceType=Task",
                headers("Accept", "application/json"));
        assertThat(filters.status()).isEqualTo(200);
        assertThat(filters.body()).contains("My group");

        LoopbackClient.Response out = reviewer.postForm("/logout", Map.of());
        assertThat(out.status()).isIn(204, 302);
        assertThat(reviewer.get(WHO, headers("Accept", "application/json")).status()).isNotEqualTo(200);
        assertThat(reviewer.get("/posts", Map.of()).status()).as("signed out of our pages").isIn(302, 401);
    }

    @Test
    void signingOutInTheWebappEndsOurSessionToo() {
        LoopbackClient manager = LoopbackClient.signedIn(port, "manager");
        manager.get("/camunda/app/cockpit/default/", Map.of());
        assertThat(manager.get(WHO, headers("Accept", "application/json")).status()).isEqualTo(200);
        assertThat(manager.get("/posts", Map.of()).status()).isEqualTo(200);
        String xsrf = manager.cookie("XSRF-TOKEN");
        assertThat(xsrf).isNotNull();
        LoopbackClient.Response out = manager.send("POST", WHO + "/logout", headers("X-XSRF-TOKEN", xsrf), "");
        assertThat(out.status()).isEqualTo(200);
        assertThat(manager.get(WHO, headers("Accept", "application/json")).status()).isNotEqualTo(200);
        assertThat(manager.get("/posts", Map.of()).status()).as("signed out of our pages").isIn(302, 401);
    }

    @Test
    void withoutAGreenlightSessionTheWebappLoginStillWorks() {
        LoopbackClient admin = new LoopbackClient("127.0.0.1", port);
        assertThat(admin.get(WHO, headers("Accept", "application/json")).status()).isNotEqualTo(200);
        admin.get("/camunda/app/tasklist/default/", Map.of());
        LoopbackClient.Response in = admin.send("POST", WHO + "/login/tasklist",
                headers("Content-Type", "application/x-www-form-urlencoded", "X-XSRF-TOKEN", admin.cookie("XSRF-TOKEN")),
                "username=admin&password=admin");
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(admin.get(WHO, headers("Accept", "application/json")).body()).contains("\"userId\":\"admin\"");
    }
}
