package io.greenlight.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.Map;
import java.util.regex.Pattern;

import static io.greenlight.security.LoopbackClient.basic;
import static io.greenlight.security.LoopbackClient.headers;
import static org.assertj.core.api.Assertions.assertThat;

/** Health and readiness for anyone, metrics for administrators only, and security headers that pages survive. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HygieneTest {

    @LocalServerPort
    int port;

    LoopbackClient client() {
        return new LoopbackClient("127.0.0.1", port);
    }

    @Test
    void healthAndReadinessArePublicAndSayNothingMore() {
        for (String path : new String[]{"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
            LoopbackClient.Response r = client().get(path, Map.of());
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("jdbc");
        }
    }

    @Test
    void metricsAreForAdministratorsOnly() {
        assertThat(client().get("/actuator/metrics", Map.of()).status()).isEqualTo(401);
        for (String user : new String[]{"creator", "reviewer", "manager"}) {
            assertThat(client().get("/actuator/metrics", headers("Authorization", basic(user, user))).status()).as(user).isEqualTo(403);
        }
        LoopbackClient.Response names = client().get("/actuator/metrics", headers("Authorization", basic("admin", "admin")));
        assertThat(names.status()).isEqualTo(200);
        assertThat(names.body()).contains("greenlight.posts", "greenlight.tasks.open", "greenlight.incidents");
        LoopbackClient.Response published = client().get("/actuator/metrics/greenlight.posts?tag=status:PUBLISHED",
                headers("Authorization", basic("admin", "admin")));
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body()).contains("\"VALUE\"");
        LoopbackClient.Response review = client().get("/actuator/metrics/greenlight.tasks.open?tag=stage:review",
                headers("Authorization", basic("admin", "admin")));
        assertThat(review.status()).isEqualTo(200);
        assertThat(client().get("/actuator/env", headers("Authorization", basic("admin", "admin"))).status())
                .as("env is not exposed").isEqualTo(404);
    }

    @Test
    void pagesSendAStrictPolicyAndNeedNothingItForbids() {
        LoopbackClient creator = LoopbackClient.signedIn(port, "creator");
        for (String path : new String[]{"/posts", "/posts/new", "/inbox", "/notifications", "/feed",
                // The content studio
                "/calendar?zone=UTC", "/calendar?view=month&zone=UTC", "/calendar/approvals", "/assets", "/replies",
                "/campaigns", "/posts/import"}) {
            LoopbackClient.Response page = creator.get(path, Map.of());
            assertThat(page.status()).as(path).isEqualTo(200);
            String csp = page.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
            // what the policy would block: inline scripts, inline styles, event handler attributes, foreign assets
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page.body()).find()).as("inline script on %s", path).isFalse();
            assertThat(Pattern.compile("\\sstyle=\"").matcher(page.body()).find()).as("inline style on %s", path).isFalse();
            assertThat(Pattern.compile("\\son[a-z]+=\"").matcher(page.body()).find()).as("event handler on %s", path).isFalse();
            assertThat(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page.body().replaceAll("<a [^>]*>", ""))
                    .find()).as("asset from another origin on %s", path).isFalse();
        }
        LoopbackClient.Response login = client().get("/login", Map.of());
        assertThat(login.header("Content-Security-Policy")).contains("form-action 'self'");
    }

    @Test
    void camundaWebappsKeepTheirOwnPolicyAndStillLoad() {
        LoopbackClient.Response tasklist = client().get("/camunda/app/tasklist/default/", Map.of());
        assertThat(tasklist.status()).isEqualTo(200);
        assertThat(tasklist.body()).contains("camunda");
        assertThat(tasklist.header("Content-Security-Policy")).as("Camunda's own policy").isNotBlank()
                .doesNotContain("default-src 'self'; script-src 'self'; style-src 'self'");
        LoopbackClient.Response cockpit = client().get("/camunda/app/cockpit/default/", Map.of());
        assertThat(cockpit.status()).isEqualTo(200);
    }
}
