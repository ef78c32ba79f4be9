package io.greenlight.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.security.LoopbackClient;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.greenlight.security.LoopbackClient.basic;
import static io.greenlight.security.LoopbackClient.headersOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed requests across /api, the pages' forms and /engine-rest (uploads included). Each must be a
 * 4xx with a message for people, never a 5xx or a stack trace, and must change nothing: a fingerprint of the
 * database (posts, variants, versions, feed, deployments, running instances, the fixture post) is compared around
 * every case. Script and HTML in text fields are a separate case: accepted as text, shown escaped.
 * Complements {@code api/BadInputTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ManagementService management;

    LoopbackClient client;
    final List<String> cases = new ArrayList<>();
    String othersDraft;

    @BeforeEach
    void setUp() {
        client = new LoopbackClient("127.0.0.1", port);
        othersDraft = createDraft("creator2", "Someone else's draft");
    }

    @AfterEach
    void report() {
        System.out.printf("%s: %d hostile requests refused%n", getClass().getSimpleName(), cases.size());
    }

    // ---- /api ----------------------------------------------------------------------------------------------

    @Test
    void hostilePostBodiesOnTheApi() {
        String big = "x".repeat(200_000);
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not JSON", "title=hello");
        bodies.put("truncated JSON", "{\"title\": \"a\", \"variants\": [");
        bodies.put("a JSON array", "[1,2,3]");
        bodies.put("a JSON string", "\"post\"");
        bodies.put("title as object", "{\"title\":{\"$gt\":\"\"},\"variants\":[{\"channel\":\"local\",\"text\":\"x\"}]}");
        bodies.put("variants as string", "{\"title\":\"t\",\"variants\":\"local\"}");
        bodies.put("variant as number", "{\"title\":\"t\",\"variants\":[42]}");
        bodies.put("no title", "{\"variants\":[{\"channel\":\"local\",\"text\":\"x\"}]}");
        bodies.put("blank title", post("   ", "local", "x", null, null));
        bodies.put("oversize title", post("t".repeat(5000), "local", "x", null, null));
        bodies.put("oversize text", post("t", "local", big, null, null));
        bodies.put("oversize campaign", "{\"title\":\"t\",\"campaign\":\"" + "c".repeat(5000)
                + "\",\"variants\":[{\"channel\":\"local\",\"text\":\"x\"}]}");
        bodies.put("no variants", "{\"title\":\"t\",\"variants\":[]}");
        bodies.put("unknown channel", post("t", "myspace", "x", null, null));
        bodies.put("path traversal as channel", post("t", "../../etc/passwd", "x", null, null));
        bodies.put("SQL in channel", post("t", "local' OR '1'='1", "x", null, null));
        bodies.put("blank text", post("t", "local", "  ", null, null));
        bodies.put("javascript: link", "{\"title\":\"t\",\"variants\":[{\"channel\":\"local\",\"text\":\"x\",\"link\":\"javascript:alert(1)\"}]}");
        bodies.put("date not a date", post("t", "local", "x", "tomorrow", null));
        bodies.put("date without offset", post("t", "local", "x", "2030-13-45T25:61:00", null));
        bodies.put("date year 99999", post("t", "local", "x", "+99999-01-01T10:00:00Z", null));
        bodies.put("unknown time zone", post("t", "local", "x", null, "Mars/Olympus_Mons"));
        bodies.put("time zone path", post("t", "local", "x", null, "../../../etc/localtime"));
        bodies.put("deeply nested JSON", "{\"title\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            unchanged(body.getKey(), () -> problem(send("creator", "POST", "/api/posts", body.getValue()), 400));
        }
        unchanged("text/plain body", () -> problem(client.send("POST", "/api/posts",
                headersOf("Authorization", basic("creator", "creator"), "Content-Type", "text/plain"), "hello"), 415));
        unchanged("XML body", () -> problem(client.send("POST", "/api/posts", headersOf("Authorization",
                basic("creator", "creator"), "Content-Type", "application/xml"), "<post><title>t</title></post>"), 415));
    }

    @Test
    void unknownIdsWrongTypesAndOthersPostsOnTheApi() {
        String unknown = UUID.randomUUID().toString();
        unchanged("unknown post", () -> problem(send("creator", "GET", "/api/posts/" + unknown, null), 404));
        unchanged("very long post id", () -> problem(send("creator", "GET", "/api/posts/" + "a".repeat(2000), null), 404));
        unchanged("edit unknown post", () -> problem(send("creator", "PUT", "/api/posts/" + unknown, post("t", "local", "x", null, null)), 404));
        unchanged("submit unknown post", () -> problem(send("creator", "POST", "/api/posts/" + unknown + "/submit", ""), 404));
        unchanged("withdraw unknown post", () -> problem(send("creator", "POST", "/api/posts/" + unknown + "/withdraw", ""), 404));
        unchanged("timeline of unknown post", () -> problem(send("creator", "GET", "/api/posts/" + unknown + "/timeline", null), 404));
        unchanged("unknown task", () -> problem(send("reviewer", "GET", "/api/tasks/" + unknown, null), 404));
        unchanged("complete unknown task", () -> problem(send("reviewer", "POST", "/api/tasks/" + unknown + "/complete",
                "{\"decision\":\"approve\"}"), 404));
        unchanged("page not a number", () -> problem(send("creator", "GET", "/api/posts?page=abc", null), 400));
        unchanged("size not a number", () -> problem(send("creator", "GET", "/api/posts?size=1e9", null), 400));
        unchanged("unknown status filter", () -> problem(send("creator", "GET", "/api/posts?status=%3Cscript%3E", null), 400));
        unchanged("notification limit not a number", () -> problem(send("creator", "GET", "/api/notifications?limit=x", null), 400));
        unchanged("feed limit not a number", () -> problem(client.get("/api/feed?limit=%27%3B--", Map.of()), 400));
        unchanged("edit someone else's post", () -> problem(send("creator", "PUT", "/api/posts/" + othersDraft,
                post("mine now", "local", "x", null, null)), 403));
        unchanged("submit someone else's post", () -> problem(send("creator", "POST", "/api/posts/" + othersDraft + "/submit", ""), 403));
        unchanged("withdraw someone else's post", () -> problem(send("creator", "POST", "/api/posts/" + othersDraft + "/withdraw", ""), 403));
        unchanged("a reviewer writes a post", () -> problem(send("reviewer", "POST", "/api/posts", post("t", "local", "x", null, null)), 403));
        unchanged("DELETE a post", () -> problem(send("creator2", "DELETE", "/api/posts/" + othersDraft, null), 405));
        unchanged("PATCH a post", () -> problem(send("creator2", "PATCH", "/api/posts/" + othersDraft, "{}"), 405));
        unchanged("malformed Basic header", () -> problem(client.get("/api/posts",
                headersOf("Authorization", "Basic !!!not-base64!!!")), 401));
        unchanged("Basic with a 4 000 character user", () -> problem(client.get("/api/posts",
                headersOf("Authorization", basic("u".repeat(4_000), "p"))), 401));
        unchanged("session call without CSRF token", () -> {
            LoopbackClient session = LoopbackClient.signedIn(port, "creator");
            LoopbackClient.Response r = session.send("POST", "/api/posts", headersOf("Content-Type", "application/json"),
                    post("no csrf", "local", "x", null, null));
            problem(r, 403);
            assertThat(r.body()).contains("security token");
        });
        unchanged("encoded path traversal", () -> status4xx(send("creator", "GET", "/api/posts/..%2F..%2Fetc%2Fpasswd", null)));
        unchanged("dot-dot path", () -> status4xx(send("creator", "GET", "/api/posts/%2e%2e/%2e%2e/etc/passwd", null)));
        unchanged("oversize header", () -> status4xx(client.get("/api/posts", headersOf("Authorization",
                basic("creator", "creator"), "X-Padding", "p".repeat(20_000)))));
    }

    @Test
    void reviewDecisionsThatMustNotPass() {
        String postId = createDraft("creator2", "Hostile review");
        assertThat(send("creator2", "POST", "/api/posts/" + postId + "/submit", "").status()).isEqualTo(200);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(postId).taskDefinitionKey("review").singleResult();
        assertThat(send("reviewer", "POST", "/api/tasks/" + review.getId() + "/claim", "").status()).isEqualTo(200);
        String complete = "/api/tasks/" + review.getId() + "/complete";
        unchanged("unknown decision", () -> problem(send("reviewer", "POST", complete, "{\"decision\":\"maybe\"}"), 400));
        unchanged("decision as number", () -> problem(send("reviewer", "POST", complete, "{\"decision\":1}"), 400));
        unchanged("changes without comment", () -> problem(send("reviewer", "POST", complete, "{\"decision\":\"changes\"}"), 400));
        unchanged("reject without comment", () -> problem(send("reviewer", "POST", complete, "{\"decision\":\"reject\",\"comment\":\"  \"}"), 400));
        unchanged("the author decides", () -> status4xx(send("creator2", "POST", complete, "{\"decision\":\"approve\"}")));
        unchanged("engine: decision of the wrong type", () -> status4xx(send("reviewer", "POST",
                "/engine-rest/task/" + review.getId() + "/complete",
                "{\"variables\":{\"decision\":{\"value\":42,\"type\":\"Integer\"}}}")));
        unchanged("engine: tamper with the author", () -> status4xx(send("creator", "POST",
                "/engine-rest/task/" + review.getId() + "/complete",
                "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"author\":{\"value\":\"creator\"}}}")));
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).as("the review is still open").isEqualTo(1);
    }

    // ---- pages ---------------------------------------------------------------------------------------------

    @Test
    void hostileFormsOnPages() {
        LoopbackClient creator = LoopbackClient.signedIn(port, "creator");
        Map<String, String> valid = form("Form post", "local", "Some text", "", "Europe/Berlin");
        unchanged("form without CSRF token", () -> status(creator.send("POST", "/posts",
                headersOf("Content-Type", "application/x-www-form-urlencoded"), LoopbackClient.form(valid)), 403));
        unchanged("form with a forged CSRF token", () -> {
            Map<String, String> forged = new LinkedHashMap<>(valid);
            forged.put("_csrf", "forged-token");
            status(creator.send("POST", "/posts", headersOf("Content-Type", "application/x-www-form-urlencoded"),
                    LoopbackClient.form(forged)), 403);
        });
        unchanged("form from another site without session", () -> status(new LoopbackClient("127.0.0.1", port)
                .send("POST", "/posts", headersOf("Content-Type", "application/x-www-form-urlencoded",
                        "Origin", "https://evil.example"), LoopbackClient.form(valid)), 403));
        unchanged("form: blank title", () -> formError(creator.postForm("/posts", form(" ", "local", "x", "", "Europe/Berlin"))));
        unchanged("form: oversize title", () -> formError(creator.postForm("/posts", form("t".repeat(5000), "local", "x", "", "Europe/Berlin"))));
        unchanged("form: oversize text", () -> formError(creator.postForm("/posts", form("t", "local", "x".repeat(200_000), "", "Europe/Berlin"))));
        unchanged("form: unknown channel", () -> formError(creator.postForm("/posts", form("t", "nowhere", "x", "", "Europe/Berlin"))));
        unchanged("form: date not a date", () -> formError(creator.postForm("/posts", form("t", "local", "x", "soon", "Europe/Berlin"))));
        unchanged("form: impossible date", () -> formError(creator.postForm("/posts", form("t", "local", "x", "2030-02-31T10:00", "Europe/Berlin"))));
        unchanged("form: unknown time zone", () -> formError(creator.postForm("/posts", form("t", "local", "x", "2030-02-01T10:00", "Nowhere/Land"))));
        unchanged("form: variant index out of range", () -> status4xx(creator.postForm("/posts",
                Map.of("title", "t", "variants[99999999].channel", "local", "variants[99999999].text", "x"))));
        unchanged("form: edit someone else's post", () -> status(creator.postForm("/posts/" + othersDraft,
                form("mine", "local", "x", "", "Europe/Berlin")), 403));
        unchanged("form: edit page of someone else's post", () -> status(creator.get("/posts/" + othersDraft + "/edit", Map.of()), 403));
        unchanged("form: submit someone else's post", () -> status(creator.postForm("/posts/" + othersDraft + "/submit", Map.of()), 403));
        unchanged("form: withdraw someone else's post", () -> status4xx(creator.postForm("/posts/" + othersDraft + "/withdraw", Map.of())));
        unchanged("form: unknown post", () -> status(creator.get("/posts/" + UUID.randomUUID(), Map.of()), 404));
        unchanged("form: submit unknown post", () -> status(creator.postForm("/posts/" + UUID.randomUUID() + "/submit", Map.of()), 404));
        unchanged("form: complete unknown task", () -> status(LoopbackClient.signedIn(port, "reviewer")
                .postForm("/inbox/" + UUID.randomUUID() + "/complete", Map.of("decision", "approve")), 404));
        unchanged("form: sign-in without CSRF token", () -> status(new LoopbackClient("127.0.0.1", port).send("POST", "/login",
                headersOf("Content-Type", "application/x-www-form-urlencoded"), "username=creator&password=creator"), 403));
        unchanged("form: open redirect in returnTo", () -> {
            LoopbackClient.Response r = creator.postForm("/posts/" + othersDraft + "/submit",
                    Map.of("returnTo", "//evil.example/phish"));
            if (r.status() == 302) {
                assertThat(r.header("Location")).doesNotContain("evil.example");
            } else {
                status(r, 403);
            }
        });
    }

    @Test
    void scriptAndHtmlAreStoredAsTextAndShownEscaped() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String title = "<script>alert('t" + marker + "')</script>";
        String campaign = "<b onmouseover=alert(1)>c" + marker + "</b>";
        String text = "<img src=x onerror=alert('x" + marker + "')> & \"quotes\" {{7*7}} [[${7*7}]]";
        LoopbackClient.Response created = send("creator", "POST", "/api/posts", "{\"title\":" + quote(title)
                + ",\"campaign\":" + quote(campaign) + ",\"variants\":[{\"channel\":\"local\",\"text\":" + quote(text) + "}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = json(created).path("id").asText();
        JsonNode stored = json(send("creator", "GET", "/api/posts/" + id, null));
        assertThat(stored.path("title").asText()).as("stored as text, unchanged").isEqualTo(title);

        LoopbackClient reviewer = LoopbackClient.signedIn(port, "reviewer");
        LoopbackClient creator = LoopbackClient.signedIn(port, "creator");
        for (LoopbackClient.Response page : List.of(creator.get("/posts/" + id, Map.of()), creator.get("/posts/" + id + "/edit", Map.of()),
                creator.get("/posts?scope=all", Map.of()))) {
            assertThat(page.status()).isEqualTo(200);
            assertEscaped(page.body(), marker);
        }
        // through review and publishing: the inbox, the public feed page and the JSON feed
        assertThat(send("creator", "POST", "/api/posts/" + id + "/submit", "").status()).isEqualTo(200);
        assertEscaped(reviewer.get("/inbox", Map.of()).body(), marker);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("review").singleResult();
        assertThat(send("reviewer", "POST", "/api/tasks/" + review.getId() + "/claim", "").status()).isEqualTo(200);
        assertThat(send("reviewer", "POST", "/api/tasks/" + review.getId() + "/complete", "{\"decision\":\"approve\"}").status()).isEqualTo(204);
        String instance = review.getProcessInstanceId();
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance).executable().list();
            if (due.isEmpty()) {
                break;
            }
            due.forEach(j -> management.executeJob(j.getId()));
        }
        LoopbackClient.Response feedPage = client.get("/feed", Map.of());
        assertThat(feedPage.body()).as("published to the feed").contains("x" + marker);
        assertEscaped(feedPage.body(), marker);
        assertEscaped(creator.get("/notifications", Map.of()).body(), marker);
        JsonNode feed = json(client.get("/api/feed?limit=200", Map.of()));
        boolean rawInJson = false;
        for (JsonNode e : feed) {
            if (id.equals(e.path("postId").asText())) {
                rawInJson = e.path("text").asText().equals(text);
            }
        }
        assertThat(rawInJson).as("the JSON feed carries the text as it was written").isTrue();
    }

    // ---- /engine-rest uploads and calls ------------------------------------------------------------------

    @Test
    void hostileDeploymentsAreRefused() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
                  <process id="xxe" name="&xxe;" isExecutable="true"><startEvent id="s"/></process>
                </definitions>
                """;
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">]>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
                  <process id="lol" name="&lol8;" isExecutable="true"><startEvent id="s"/></process>
                </definitions>
                """;
        String dmnXxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="&xxe;" namespace="x">
                  <decision id="dx" name="&xxe;"/>
                </definitions>
                """;
        unchanged("BPMN with XXE", () -> {
            LoopbackClient.Response r = deploy("admin", "xxe.bpmn", xxe);
            status(r, 400);
            assertThat(r.body()).doesNotContain("root:");
        });
        unchanged("BPMN billion laughs", () -> status(deploy("admin", "laughs.bpmn", laughs), 400));
        unchanged("DMN with XXE", () -> {
            LoopbackClient.Response r = deploy("admin", "xxe.dmn", dmnXxe);
            status(r, 400);
            assertThat(r.body()).doesNotContain("root:");
        });
        unchanged("malformed BPMN", () -> status(deploy("admin", "broken.bpmn", "<definitions><process id=\"p\">"), 400));
        unchanged("not XML at all", () -> status(deploy("admin", "binary.bpmn", "\u0000\u0001PK\u0003\u0004 garbage"), 400));
        unchanged("huge upload", () -> {
            LoopbackClient.Response r = deploy("admin", "huge.bpmn", "<!--" + "x".repeat(12 * 1024 * 1024) + "-->");
            status(r, 413);
            assertThat(r.body()).contains("larger than");
        });
        unchanged("deployment by a creator", () -> status(deploy("creator", "ok.bpmn", """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
                  <process id="sneaky" isExecutable="true"><startEvent id="s"/></process>
                </definitions>
                """), 403));
        unchanged("engine: unknown task", () -> status(send("reviewer", "POST", "/engine-rest/task/" + UUID.randomUUID() + "/complete", "{}"), 404));
        unchanged("engine: malformed JSON", () -> status(send("reviewer", "POST", "/engine-rest/task", "{\"assignee\":"), 400));
        unchanged("engine: maxResults not a number", () -> status4xx(send("reviewer", "GET", "/engine-rest/task?maxResults=abc", null)));
        unchanged("engine: start the post process directly", () -> status(send("admin", "POST",
                "/engine-rest/process-definition/key/post-approval/start",
                "{\"businessKey\":\"" + othersDraft + "\",\"variables\":{\"author\":{\"value\":\"admin\"}}}"), 403));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    interface Check {
        void run();
    }

    /** Runs one hostile case and asserts the database looks the same afterwards. */
    void unchanged(String name, Check check) {
        String before = fingerprint();
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError("case '" + name + "': " + e.getMessage(), e);
        }
        assertThat(fingerprint()).as("case '%s' changed nothing", name).isEqualTo(before);
        cases.add(name);
    }

    String fingerprint() {
        return jdbc.queryForObject("select count(*) from post", Long.class) + "/"
                + jdbc.queryForObject("select count(*) from post_variant", Long.class) + "/"
                + jdbc.queryForObject("select count(*) from post_version", Long.class) + "/"
                + jdbc.queryForObject("select count(*) from feed_entry", Long.class) + "/"
                + repository.createDeploymentQuery().count() + "/"
                + runtime.createProcessInstanceQuery().count() + "/"
                + jdbc.queryForObject("select title || '|' || status from post where id = ?", String.class, othersDraft);
    }

    LoopbackClient.Response send(String user, String method, String path, String json) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", basic(user, user));
        h.put("Accept", "application/json");
        if (json != null) {
            h.put("Content-Type", "application/json");
        }
        return client.send(method, path, h, json);
    }

    LoopbackClient.Response deploy(String user, String fileName, String content) {
        String boundary = "----hostile" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nhostile\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return client.send("POST", "/engine-rest/deployment/create", headersOf("Authorization", basic(user, user),
                "Content-Type", "multipart/form-data; boundary=" + boundary), body);
    }

    String createDraft(String user, String title) {
        LoopbackClient.Response r = send(user, "POST", "/api/posts", post(title + " " + UUID.randomUUID().toString().substring(0, 6),
                "local", "Fixture text", null, null));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return json(r).path("id").asText();
    }

    static String post(String title, String channel, String text, String scheduledAt, String timeZone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        if (scheduledAt != null) {
            body.put("scheduledAt", scheduledAt);
        }
        if (timeZone != null) {
            body.put("timeZone", timeZone);
        }
        body.put("variants", List.of(Map.of("channel", channel, "text", text)));
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String title, String channel, String text, String scheduledAt, String zone) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("title", title);
        f.put("scheduledAt", scheduledAt);
        f.put("timeZone", zone);
        f.put("variants[0].channel", channel);
        f.put("variants[0].enabled", "true");
        f.put("variants[0].text", text);
        return f;
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(LoopbackClient.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(r.status() + " " + r.body(), e);
        }
    }

    /** A JSON problem detail with this status and a human message, and no stack trace. */
    static void problem(LoopbackClient.Response r, int status) {
        status(r, status);
        assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
        assertThat(json(r).path("detail").asText()).as("human message").isNotBlank();
    }

    static void status(LoopbackClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        noStackTrace(r);
    }

    static void status4xx(LoopbackClient.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(400, 499);
        noStackTrace(r);
    }

    /** A page form refused: shown again (400) with the reason, or sent back with a flash message. */
    static void formError(LoopbackClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).containsAnyOf("alert-error", "role=\"alert\"");
        noStackTrace(r);
    }

    static void noStackTrace(LoopbackClient.Response r) {
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("at io.greenlight.").doesNotContain("\"trace\"")
                .doesNotContain("Exception:");
    }

    static void assertEscaped(String html, String marker) {
        assertThat(html).doesNotContain("<script>alert('t" + marker).doesNotContain("<img src=x onerror=alert('x" + marker)
                .doesNotContain("<b onmouseover=alert(1)>c" + marker);
    }
}
