package io.greenlight.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.security.LoopbackClient;
import io.greenlight.asset.AssetService;
import io.greenlight.reply.SavedReplies;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
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
    io.greenlight.conversation.Inbox communityInbox;

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

    @Test
    void refusalsSayWhatIsWrongWithWhichField() {
        String numberTitle = "{\"title\":5,\"variants\":[{\"channel\":\"local\",\"text\":\"x\"}]}";
        unchanged("a number as the title", () -> assertThat(detail(send("creator", "POST", "/api/posts", numberTitle)))
                .contains("title").contains("text in quotes"));
        String numberDate = "{\"title\":\"t\",\"scheduledAt\":12345,\"variants\":[{\"channel\":\"local\",\"text\":\"x\"}]}";
        unchanged("a number as the date", () -> assertThat(detail(send("creator", "POST", "/api/posts", numberDate)))
                .contains("scheduledAt").contains("2026-12-01T09:00:00+01:00"));
        String textNumber = "{\"every\":\"2\",\"unit\":\"weeks\",\"until\":\"2030-01-01\"}";
        unchanged("text as a number", () -> assertThat(detail(send("creator", "POST", "/api/posts/" + othersDraft + "/repeat", textNumber)))
                .contains("every").contains("a number"));
        unchanged("NUL in the text", () -> assertThat(detail(send("creator", "POST", "/api/posts", post("t", "local", "a\u0000b", null, null))))
                .contains("variants[0].text").contains("control character").contains("NUL"));
        String longLink = "{\"title\":\"t\",\"variants\":[{\"channel\":\"local\",\"text\":\"x\",\"link\":\"https://example.com/"
                + "a".repeat(10_000) + "\"}]}";
        unchanged("a 10,000-character link", () -> assertThat(detail(send("creator", "POST", "/api/posts", longLink)))
                .contains("link").contains("2,000"));
        unchanged("NUL in a map key", () -> assertThat(detail(send("creator", "PUT", "/api/me/settings",
                "{\"preferences\":{\"men\\u0000tion\":{\"email\":true}}}"))).contains("control character"));
        unchanged("form: NUL in the title", () -> {
            LoopbackClient.Response r = LoopbackClient.signedIn(port, "creator").postForm("/posts",
                    form("a\u0000b", "local", "x", "", "Europe/Berlin"));
            status(r, 400);
            assertThat(r.header("Content-Type")).startsWith("text/html");
            assertThat(r.body()).contains("control character").contains("Title");
        });
    }

    static String detail(LoopbackClient.Response r) {
        problem(r, 400);
        return json(r).path("detail").asText() + " " + json(r).path("errors");
    }

    // ---- every write endpoint --------------------------------------------------------------------------------

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    IdentityService identity;

    @Autowired
    AssetService assetService;

    @Autowired
    SavedReplies savedReplies;

    /** Every POST/PUT/PATCH/DELETE of /api and of the pages has a row in {@link WriteEndpoints}. */
    @Test
    void everyWriteEndpointHasHostileCoverage() {
        Set<String> covered = new TreeSet<>();
        WriteEndpoints.all(new NoFixtures()).forEach(t -> covered.add(t.key()));
        Set<String> missing = new TreeSet<>(writeEndpoints());
        missing.removeAll(covered);
        assertThat(missing).as("write endpoints without hostile-input coverage: add them to WriteEndpoints").isEmpty();
        Set<String> stale = new TreeSet<>(covered);
        stale.removeAll(writeEndpoints());
        assertThat(stale).as("rows in WriteEndpoints for endpoints that no longer exist").isEmpty();
    }

    Set<String> writeEndpoints() {
        Set<String> found = new TreeSet<>();
        for (String endpoint : io.greenlight.testing.Endpoints.of(mappings, io.greenlight.testing.Endpoints::greenlight)) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            if (Set.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
                found.add(endpoint);
            }
        }
        return found;
    }

    /**
     * Each write endpoint gets the same families of hostile input, one field at a time, on top of a request that would
     * be valid: NUL and other control characters, oversized text (a 10,000-character link among them), numbers
     * where text or dates belong and text where numbers or true/false belong, numbers out of range, malformed JSON
     * and the wrong content type; and in the path unknown ids, traversal, NUL and 10,000-character ids. Every answer
     * must be a 4xx with a message (problem details on /api; on pages an HTML page or a redirect that shows the
     * error, never problem JSON), and nothing in the database may change. All failures are listed at once.
     */
    @Test
    void hostileInputOnEveryWriteEndpoint() {
        Fixtures fixtures = new Fixtures();
        List<WriteEndpoints.Target> targets = WriteEndpoints.all(fixtures);
        Set<String> existing = writeEndpoints();
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (WriteEndpoints.Target target : targets) {
            if (!existing.contains(target.key())) {
                continue;
            }
            for (Hostile h : hostile(target)) {
                count++;
                String before = tableCounts();
                String name = target.key() + " — " + h.name();
                try {
                    LoopbackClient.Response r = sendHostile(target, h);
                    check(target, h, r);
                } catch (AssertionError | RuntimeException e) {
                    failures.add(name + ": " + abbreviate(e.getMessage()));
                    continue;
                }
                String after = tableCounts();
                if (!after.equals(before)) {
                    failures.add(name + ": changed the database " + diff(before, after));
                }
            }
        }
        System.out.printf("hostileInputOnEveryWriteEndpoint: %d endpoints, %d hostile requests, %d failures%n",
                targets.size(), count, failures.size());
        assertThat(failures).as("hostile requests that were not refused cleanly").isEmpty();
    }

    enum Expect {
        /** exactly 400 with a message */
        BAD_REQUEST,
        /** a 4xx with a message (on pages also a redirect that shows the error) */
        REFUSED,
        /** any 4xx without a stack trace: answered before Greenlight sees it (server, firewall) or after a lookup */
        ANY_4XX
    }

    record Hostile(String name, String path, String contentType, byte[] body, Expect expect) {
    }

    static final String NUL = "a\u0000b";
    static final String ESCAPE = "red \u001b[31m text";
    static final String OVERSIZE = "x".repeat(200_000);
    static final String LONG_LINK = "https://example.com/" + "a".repeat(10_000);
    static final String HUGE_NUMBER = "99999999999999999999";

    List<Hostile> hostile(WriteEndpoints.Target t) {
        List<Hostile> list = new ArrayList<>();
        String path = t.concretePath();
        // the path: every id in it
        for (Map.Entry<String, String> v : t.path().entrySet()) {
            boolean numeric = v.getValue().matches("\\d+");
            String unknown = numeric ? "987654321" : UUID.randomUUID().toString();
            list.add(new Hostile("unknown " + v.getKey(), t.withPath(Map.of(v.getKey(), unknown)), null, null, Expect.REFUSED));
            list.add(new Hostile("path traversal in " + v.getKey(), t.withPath(Map.of(v.getKey(), "..%2F..%2Fetc%2Fpasswd")), null, null, Expect.ANY_4XX));
            list.add(new Hostile("dot-dot as " + v.getKey(), t.withPath(Map.of(v.getKey(), "..")), null, null, Expect.ANY_4XX));
            list.add(new Hostile("NUL in " + v.getKey(), t.withPath(Map.of(v.getKey(), "a%00b")), null, null, Expect.ANY_4XX));
            list.add(new Hostile("10,000-character " + v.getKey(), t.withPath(Map.of(v.getKey(), "a".repeat(10_000))), null, null, Expect.ANY_4XX));
            list.add(new Hostile("huge number as " + v.getKey(), t.withPath(Map.of(v.getKey(), HUGE_NUMBER)), null, null, Expect.REFUSED));
        }
        // a NUL in the query reaches every endpoint, also those without a body
        list.add(t.kind() == WriteEndpoints.Kind.MULTIPART
                ? withPath(multipartCase(t, path, t.form(), "NUL in a query parameter", fileBytes(t), Expect.BAD_REQUEST), path + "?note=a%00b")
                : new Hostile("NUL in a query parameter", path + "?note=a%00b", null, null, Expect.BAD_REQUEST));
        switch (t.kind()) {
            case JSON -> jsonHostile(t, path, list);
            case FORM -> formHostile(t, path, list, false);
            case MULTIPART -> formHostile(t, path, list, true);
            case NONE -> {
                if (t.page()) {
                    list.add(new Hostile("NUL in a form field", path, FORM, utf8(form(Map.of("note", NUL))), Expect.BAD_REQUEST));
                }
            }
        }
        return list;
    }

    static final String FORM = "application/x-www-form-urlencoded";

    static Hostile withPath(Hostile h, String path) {
        return new Hostile(h.name(), path, h.contentType(), h.body(), h.expect());
    }

    private void jsonHostile(WriteEndpoints.Target t, String path, List<Hostile> list) {
        String body = t.json();
        list.add(new Hostile("malformed JSON", path, "application/json", utf8(body.substring(0, body.length() / 2)), Expect.BAD_REQUEST));
        list.add(new Hostile("trailing garbage after the JSON", path, "application/json", utf8(body + " {}"), Expect.BAD_REQUEST));
        list.add(new Hostile("a JSON array instead of an object", path, "application/json", utf8("[" + body + "]"), Expect.BAD_REQUEST));
        list.add(new Hostile("JSON sent as text/plain", path, "text/plain", utf8(body), Expect.REFUSED));
        list.add(new Hostile("form instead of JSON", path, FORM, utf8("title=x"), Expect.REFUSED));
        JsonNode tree = tree(body);
        for (Map.Entry<String, JsonNode> leaf : leaves(tree, "").entrySet()) {
            String field = leaf.getKey();
            JsonNode value = leaf.getValue();
            if (value.isTextual()) {
                list.add(mutated(path, tree, field, "NUL in " + field, TextNode.valueOf(NUL), Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "escape character in " + field, TextNode.valueOf(ESCAPE), Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "200,000 characters in " + field, TextNode.valueOf(OVERSIZE), Expect.REFUSED));
                list.add(mutated(path, tree, field, "a number as " + field, IntNode.valueOf(12345), Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "true as " + field, BooleanNode.TRUE, Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "an object as " + field, JSON.createObjectNode().put("$gt", ""), Expect.BAD_REQUEST));
                if (isLink(field, value.asText())) {
                    list.add(mutated(path, tree, field, "10,000-character link in " + field, TextNode.valueOf(LONG_LINK), Expect.BAD_REQUEST));
                }
            } else if (value.isNumber()) {
                list.add(mutated(path, tree, field, "text as " + field, TextNode.valueOf(value.asText()), Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "huge number as " + field, new BigIntegerNode(new java.math.BigInteger(HUGE_NUMBER)), Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "decimal as " + field, DoubleNode.valueOf(1.5), Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "1e400 as " + field, new DecimalNode(new java.math.BigDecimal("1e400")), Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "true as " + field, BooleanNode.TRUE, Expect.BAD_REQUEST));
            } else if (value.isBoolean()) {
                list.add(mutated(path, tree, field, "text as " + field, TextNode.valueOf("true"), Expect.BAD_REQUEST));
                list.add(mutated(path, tree, field, "a number as " + field, IntNode.valueOf(1), Expect.BAD_REQUEST));
            } else if (value.isArray()) {
                list.add(mutated(path, tree, field, "text as the list " + field, TextNode.valueOf("x"), Expect.BAD_REQUEST));
            } else if (value.isObject()) {
                list.add(mutated(path, tree, field, "a number as the object " + field, IntNode.valueOf(5), Expect.BAD_REQUEST));
            }
        }
    }

    private void formHostile(WriteEndpoints.Target t, String path, List<Hostile> list, boolean multipart) {
        for (String field : t.form().keySet()) {
            String value = t.form().get(field);
            list.add(formCase(t, path, multipart, field, "NUL in " + field, NUL, Expect.BAD_REQUEST));
            list.add(formCase(t, path, multipart, field, "escape character in " + field, ESCAPE, Expect.BAD_REQUEST));
            list.add(formCase(t, path, multipart, field, "200,000 characters in " + field, OVERSIZE, Expect.REFUSED));
            if (isLink(field, value)) {
                list.add(formCase(t, path, multipart, field, "10,000-character link in " + field, LONG_LINK, Expect.REFUSED));
            }
            if (value.matches("\\d+")) {
                list.add(formCase(t, path, multipart, field, "huge number as " + field, HUGE_NUMBER, Expect.REFUSED));
                list.add(formCase(t, path, multipart, field, "text as the number " + field, "lots", Expect.REFUSED));
            }
            if (value.matches("\\d{4}-\\d\\d-\\d\\d.*")) {
                list.add(formCase(t, path, multipart, field, "impossible date in " + field, "2030-02-31" + value.substring(10), Expect.REFUSED));
                list.add(formCase(t, path, multipart, field, "year 99999 in " + field, "99999" + value.substring(4), Expect.REFUSED));
            }
        }
        if (multipart) {
            list.add(multipartCase(t, path, t.form(), "PNG".equals(t.file()) ? "script instead of an image" : "NUL in the uploaded file",
                    fileWith(t, "\u0000"), Expect.REFUSED));
            list.add(new Hostile("JSON instead of multipart", path, "application/json", utf8("{\"file\":\"x\"}"), Expect.REFUSED));
        }
    }

    private Hostile formCase(WriteEndpoints.Target t, String path, boolean multipart, String field, String name, String value, Expect e) {
        Map<String, String> f = new LinkedHashMap<>(t.form());
        f.put(field, value);
        return multipart ? multipartCase(t, path, f, name, fileBytes(t), e) : new Hostile(name, path, FORM, utf8(form(f)), e);
    }

    private Hostile multipartCase(WriteEndpoints.Target t, String path, Map<String, String> fields, String name, byte[] file, Expect e) {
        String boundary = "----hostile" + UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n")));
        out.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + t.fileName()
                + "\"\r\nContent-Type: " + (t.fileName().endsWith(".png") ? "image/png" : "text/csv") + "\r\n\r\n"));
        out.writeBytes(file);
        out.writeBytes(utf8("\r\n--" + boundary + "--\r\n"));
        return new Hostile(name, path, "multipart/form-data; boundary=" + boundary, out.toByteArray(), e);
    }

    /** A fresh PNG (an asset twice is one asset) or the CSV of the row. */
    private static byte[] fileBytes(WriteEndpoints.Target t) {
        if ("PNG".equals(t.file())) {
            return png();
        }
        return utf8(t.file());
    }

    private static byte[] fileWith(WriteEndpoints.Target t, String inserted) {
        if ("PNG".equals(t.file())) {
            return utf8("<script>alert(1)</script>" + UUID.randomUUID());
        }
        return utf8(t.file().replace("Hello", "Hel" + inserted + "lo"));
    }

    static byte[] png() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, UUID.randomUUID().hashCode() & 0xffffff);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static boolean isLink(String field, String value) {
        return value != null && (value.startsWith("http") || field.toLowerCase(java.util.Locale.ROOT).contains("link")
                || field.toLowerCase(java.util.Locale.ROOT).contains("url"));
    }

    private Hostile mutated(String path, JsonNode tree, String field, String name, JsonNode value, Expect e) {
        JsonNode copy = tree.deepCopy();
        set(copy, field, value);
        return new Hostile(name, path, "application/json", utf8(copy.toString()), e);
    }

    /** Leaf paths like "variants[0].text" → their values (arrays and objects count as leaves too). */
    static Map<String, JsonNode> leaves(JsonNode node, String prefix) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                if (e.getValue().isContainerNode()) {
                    out.put(p, e.getValue());
                }
                out.putAll(e.getValue().isContainerNode() ? leaves(e.getValue(), p) : Map.of(p, e.getValue()));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = prefix + "[" + i + "]";
                if (node.get(i).isContainerNode()) {
                    out.putAll(leaves(node.get(i), p));
                } else {
                    out.put(p, node.get(i));
                }
            }
        }
        return out;
    }

    static void set(JsonNode root, String path, JsonNode value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]").matcher(path);
        List<Object> steps = new ArrayList<>();
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        JsonNode parent = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = steps.get(i) instanceof Integer n ? parent.get(n) : parent.get((String) steps.get(i));
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer n) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(n, value);
        } else {
            ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set((String) last, value);
        }
    }

    final Map<String, LoopbackClient> sessions = new java.util.HashMap<>();

    LoopbackClient.Response sendHostile(WriteEndpoints.Target t, Hostile h) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (h.contentType() != null) {
            headers.put("Content-Type", h.contentType());
        }
        if (!t.page()) {
            if (t.user() != null) {
                headers.put("Authorization", basic(t.user(), t.user()));
            }
            String secret = webhookSecrets.get(t.path().get("channel"));
            if (secret != null && t.pattern().startsWith("/api/inbound/")) {
                headers.put(io.greenlight.conversation.InboundWebhook.SIGNATURE_HEADER, "sha256="
                        + new org.apache.commons.codec.digest.HmacUtils(org.apache.commons.codec.digest.HmacAlgorithms.HMAC_SHA_256,
                        secret).hmacHex(h.body() == null ? new byte[0] : h.body()));
            }
            headers.put("Accept", "application/json");
            return client.sendBytes(t.method(), h.path(), headers, h.body() == null ? new byte[0] : h.body());
        }
        headers.put("Accept", "text/html");
        LoopbackClient session = session(t.user());
        headers.put("X-CSRF-TOKEN", session.csrf());
        return session.sendBytes(t.method(), h.path(), headers, h.body() == null ? new byte[0] : h.body());
    }

    LoopbackClient session(String user) {
        return sessions.computeIfAbsent(user == null ? "" : user, u -> {
            if (u.isEmpty()) {
                return LoopbackClient.anonymous(port);
            }
            return LoopbackClient.signedIn(port, u);
        });
    }

    void check(WriteEndpoints.Target t, Hostile h, LoopbackClient.Response r) {
        noStackTrace(r);
        int s = r.status();
        String type = r.header("Content-Type") == null ? "" : r.header("Content-Type");
        if (t.page() && (s == 302 || s == 303) && h.expect() != Expect.BAD_REQUEST) {
            String location = r.header("Location");
            assertThat(location).as("a refused form goes back to a page, not to sign-in").isNotNull().doesNotEndWith("/login");
            LoopbackClient.Response shown = session(t.user()).get(location.replaceFirst("^https?://[^/]+", ""), Map.of());
            assertThat(shown.body()).as("the page after the redirect (%s) shows the error", location).contains("alert-error");
            return;
        }
        if (h.expect() == Expect.BAD_REQUEST) {
            assertThat(s).as("status (%s)", abbreviate(r.body())).isEqualTo(400);
        } else {
            assertThat(s).as("status (%s)", abbreviate(r.body())).isBetween(400, 499);
        }
        if (h.expect() == Expect.ANY_4XX) {
            return;
        }
        if (t.page()) {
            assertThat(type).as("a page answers with a page, not problem JSON").startsWith("text/html");
            assertThat(r.body()).as("a message for people").containsAnyOf("alert-error", "role=\"alert\"", "class=\"lead\"");
        } else {
            assertThat(type).as("problem details (%s)", abbreviate(r.body())).startsWith("application/problem+json");
            assertThat(json(r).path("detail").asText()).as("a message for people").isNotBlank();
        }
    }

    /** Row counts of every Greenlight and Camunda table (sessions and the history of refusals excluded). */
    String tableCounts() {
        if (countQuery == null) {
            List<String> tables = jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'PUBLIC' "
                    + "and table_type = 'BASE TABLE' order by table_name", String.class).stream()
                    .filter(n -> !n.startsWith("SPRING_SESSION") && !n.equals("flyway_schema_history")).toList();
            countQuery = tables.stream().map(n -> "select '" + n + "=' || count(*) from \"" + n + "\"")
                    .collect(java.util.stream.Collectors.joining(" union all "));
        }
        return String.join(" ", jdbc.queryForList(countQuery, String.class));
    }

    private String countQuery;

    static String diff(String before, String after) {
        List<String> a = List.of(before.split(" "));
        List<String> b = List.of(after.split(" "));
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                changed.add(a.get(i) + "→" + b.get(i).substring(b.get(i).indexOf('=') + 1));
            }
        }
        return changed.toString();
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String form(Map<String, String> fields) {
        return LoopbackClient.form(fields);
    }

    /** No fixtures: only the endpoint list is needed. */
    static final class NoFixtures implements WriteEndpoints.Fixtures {
        public String draft() { return "x"; }
        public String reviewTask() { return "x"; }
        public String asset() { return "1"; }
        public String reply() { return "1"; }
        public String channel() { return "x"; }
        public String throwawayUser() { return "x"; }
        public String conversation() { return "x"; }
        public String webhookChannel() { return "x"; }
    }

    /** Real fixtures: creator's draft, a review task of creator2's post, creator2's asset and reply, a channel, a user. */
    final class Fixtures implements WriteEndpoints.Fixtures {
        static final CurrentUser CREATOR2 = new CurrentUser("creator2", Set.of(Groups.CREATORS));

        public String draft() {
            return createDraft("creator", "Hostile fixture");
        }

        public String reviewTask() {
            String id = createDraft("creator2", "Hostile review fixture");
            assertThat(send("creator2", "POST", "/api/posts/" + id + "/submit", "").status()).isEqualTo(200);
            return tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("review").singleResult().getId();
        }

        public String asset() {
            return String.valueOf(assetService.upload(CREATOR2, "hostile.png", png(),
                    new AssetService.Description("hostile", "hostile", null)).getId());
        }

        public String reply() {
            return String.valueOf(savedReplies.create(CREATOR2, new SavedReplies.Command("hostile", "Hi {{name}}",
                    Groups.CREATORS, "reply")).getId());
        }

        public String channel() {
            String key = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
            LoopbackClient.Response r = send("manager", "POST", "/api/channels",
                    "{\"key\":\"" + key + "\",\"name\":\"Hostile fixture\",\"network\":\"local\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            return key;
        }

        public String throwawayUser() {
            String id = "hostile" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            org.camunda.bpm.engine.identity.User u = identity.newUser(id);
            u.setPassword(id + "-secret");
            u.setFirstName("Hostile");
            identity.saveUser(u);
            return id;
        }

        public String conversation() {
            return communityInbox.receive(new io.greenlight.conversation.InboundMessage("local", "hostile-" + UUID.randomUUID(),
                    null, null, null, null, "fan", "Fan", 0, "Does the sale include shoes?", null, null, null, null,
                    java.time.OffsetDateTime.now())).orElseThrow().getId();
        }

        public String webhookChannel() {
            String key = channel();
            LoopbackClient.Response r = send("manager", "POST", "/api/community/channels/" + key + "/webhook-secret", null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            webhookSecrets.put(key, json(r).path("secret").asText());
            return key;
        }
    }

    /** The inbound webhook's secret per fixture channel: hostile bodies are signed, so they reach the checks behind the signature. */
    final Map<String, String> webhookSecrets = new java.util.HashMap<>();

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
