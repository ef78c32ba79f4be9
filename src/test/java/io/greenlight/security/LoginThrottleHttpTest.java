package io.greenlight.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.greenlight.security.LoopbackClient.basic;
import static io.greenlight.security.LoopbackClient.form;
import static io.greenlight.security.LoopbackClient.headers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong passwords through every door, from addresses other than 127.0.0.1 (which the other tests use): the guessing
 * address gets 429 with Retry-After, while the real user from another address signs in at once — Camunda's own
 * per-user lock is off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LoginThrottleHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottle throttle;

    int perUser() {
        return throttle.limits().perSourceAndUser().maxFailures();
    }

    @Test
    void guessingBasicPasswordsBlocksTheGuesserNotTheUser() {
        assertThat(perUser()).as("the test profile keeps the production per-user limit").isEqualTo(5);
        LoopbackClient attacker = new LoopbackClient("127.0.0.11", port);
        LoopbackClient colleague = new LoopbackClient("127.0.0.12", port);
        for (int i = 0; i < perUser(); i++) {
            assertThat(attacker.get("/api/posts", headers("Authorization", basic("manager", "guess" + i))).status()).isEqualTo(401);
        }
        // the real manager, elsewhere, right away: no Camunda lock, no delay
        assertThat(colleague.get("/api/posts", headers("Authorization", basic("manager", "manager"))).status()).isEqualTo(200);
        assertThat(colleague.get("/engine-rest/task", headers("Authorization", basic("manager", "manager"))).status()).isEqualTo(200);

        // the guesser is throttled, even with the right password, on /api and /engine-rest
        for (String path : new String[]{"/api/posts", "/engine-rest/task"}) {
            LoopbackClient.Response blocked = attacker.get(path, headers("Authorization", basic("manager", "manager")));
            assertThat(blocked.status()).as(path).isEqualTo(429);
            assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 15 * 60L);
            assertThat(blocked.header("Content-Type")).startsWith("application/problem+json");
            assertThat(blocked.body()).contains("Too many failed sign-ins");
        }
        // another user from the same address is not blocked by this pair
        assertThat(attacker.get("/api/posts", headers("Authorization", basic("creator", "creator"))).status()).isEqualTo(200);
    }

    @Test
    void guessingOnTheSignInFormIsThrottled() {
        LoopbackClient attacker = new LoopbackClient("127.0.0.13", port);
        for (int i = 0; i < perUser(); i++) {
            LoopbackClient.Response wrong = attacker.send("POST", "/login",
                    headers("Content-Type", "application/x-www-form-urlencoded"),
                    form(Map.of("username", "reviewer", "password", "guess" + i, "_csrf", csrf(attacker))));
            assertThat(wrong.status()).isEqualTo(302);
            assertThat(wrong.header("Location")).endsWith("/login?error");
        }
        LoopbackClient.Response blocked = attacker.send("POST", "/login",
                headers("Content-Type", "application/x-www-form-urlencoded"),
                form(Map.of("username", "reviewer", "password", "reviewer", "_csrf", csrf(attacker))));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotBlank();
        assertThat(blocked.body()).contains("Too many failed sign-ins");

        LoopbackClient reviewer = new LoopbackClient("127.0.0.14", port);
        LoopbackClient.Response ok = reviewer.send("POST", "/login",
                headers("Content-Type", "application/x-www-form-urlencoded"),
                form(Map.of("username", "reviewer", "password", "reviewer", "_csrf", csrf(reviewer))));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.header("Location")).doesNotContain("error");
    }

    @Test
    void guessingInTheCamundaWebappsIsThrottled() {
        LoopbackClient attacker = new LoopbackClient("127.0.0.15", port);
        for (int i = 0; i < perUser(); i++) {
            assertThat(webappLogin(attacker, "admin", "guess" + i).status()).isEqualTo(401);
        }
        LoopbackClient.Response blocked = webappLogin(attacker, "admin", "admin");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotBlank();

        LoopbackClient admin = new LoopbackClient("127.0.0.16", port);
        LoopbackClient.Response ok = webappLogin(admin, "admin", "admin");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"userId\":\"admin\"");
    }

    private LoopbackClient.Response webappLogin(LoopbackClient client, String user, String password) {
        if (client.cookie("XSRF-TOKEN") == null) {
            client.get("/camunda/app/tasklist/default/", Map.of());
        }
        return client.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                headers("Content-Type", "application/x-www-form-urlencoded", "X-XSRF-TOKEN", client.cookie("XSRF-TOKEN"),
                        "Accept", "application/json"),
                form(Map.of("username", user, "password", password)));
    }

    private static String csrf(LoopbackClient client) {
        String html = client.get("/login", Map.of()).body();
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            m = Pattern.compile("value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(html);
            assertThat(m.find()).as("CSRF token on the sign-in page").isTrue();
        }
        return m.group(1);
    }
}
