package io.greenlight.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.greenlight.security.LoopbackClient;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.greenlight.security.LoopbackClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * end to end over HTTP: a post reaches an external stage, GreenMail receives the approver's e-mail, and the
 * link in it — opened with nothing but that e-mail, no account — approves exactly once. A second use, an expired, a
 * tampered, a revoked link and one whose post changed get a page that says why (4xx, never a 500).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExternalReviewHttpTest {

    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern LINK = Pattern.compile("(https?://\\S+)(/external/review/[A-Za-z0-9._-]+)");

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        if (!MAIL.isRunning()) {
            MAIL.start();
        }
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort int port;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Value("${greenlight.base-url}") String baseUrl;

    String deployment;
    String approver;

    @BeforeEach
    void externalStage() {
        approver = "client-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        deployment = ExternalStageDiagram.deploy(repository, approver);
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        ExternalStageDiagram.undeploy(repository, deployment);
    }

    @Test
    void theApproverApprovesOnceWithNothingButTheEmail() throws Exception {
        String postId = atExternalStage("Winter <b>sale</b> " + UUID.randomUUID().toString().substring(0, 6),
                "Our <script>alert(1)</script> winter sale starts today!");

        MimeMessage mail = mailTo(approver);
        String body = GreenMailUtil.getBody(mail);
        assertThat(mail.getSubject()).startsWith("Please review: Winter <b>sale</b>");
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as("a link in %s", body).isTrue();
        assertThat(m.group(1)).isEqualTo(baseUrl);
        String path = m.group(2);

        LoopbackClient browser = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response page = browser.get(path, Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.body()).contains("Winter &lt;b&gt;sale&lt;/b&gt;")
                .contains("Our &lt;script&gt;alert(1)&lt;/script&gt; winter sale starts today!")
                .doesNotContain("<script>alert(1)").contains(approver);
        String hash = hiddenField(page.body(), "contentHash");
        JsonNode versions = json(api("creator", "GET", "/api/posts/" + postId + "/versions", null).body());
        assertThat(hash).isEqualTo(versions.get(0).path("contentHash").asText());

        LoopbackClient.Response decided = browser.postForm(path, Map.of("_csrf", csrf(page.body()), "decision", "approve",
                "comment", "Looks great", "contentHash", hash));

        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.body()).contains("Thank you").contains("You approved");
        assertThat(json(api("creator", "GET", "/api/posts/" + postId, null).body()).path("status").asText()).isEqualTo("SCHEDULED");
        String timeline = api("creator", "GET", "/api/posts/" + postId + "/timeline", null).body();
        assertThat(timeline).contains("Approved by external approver " + approver).contains("sha256 " + hash)
                .contains("Looks great");
        JsonNode links = json(api("manager", "GET", "/api/posts/" + postId + "/external-reviews", null).body());
        assertThat(links).hasSize(1);
        assertThat(links.get(0).path("status").asText()).isEqualTo("USED");
        assertThat(links.get(0).path("seenHash").asText()).isEqualTo(hash);
        assertThat(links.get(0).path("mailedAt").isNull()).isFalse();

        LoopbackClient.Response again = browser.postForm(path, Map.of("_csrf", csrf(page.body()), "decision", "approve",
                "contentHash", hash));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("This link was already used");
        LoopbackClient.Response reopened = new LoopbackClient("127.0.0.1", port).get(path, Map.of());
        assertThat(reopened.status()).isEqualTo(410);
        assertThat(reopened.body()).contains("already used");
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        String postId = atExternalStage("Expiring " + UUID.randomUUID(), "Hello");
        String path = linkPath(mailTo(approver));
        LoopbackClient browser = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response page = browser.get(path, Map.of());
        assertThat(page.status()).isEqualTo(200);

        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 3L * 24 * 3600 * 1000 + 60_000));

        LoopbackClient.Response expired = browser.get(path, Map.of());
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired");
        LoopbackClient.Response decide = browser.postForm(path, Map.of("_csrf", csrf(page.body()), "decision", "approve",
                "contentHash", hiddenField(page.body(), "contentHash")));
        assertThat(decide.status()).isEqualTo(410);
        assertThat(waitingTask(postId)).as("still waiting for the approver").isNotNull();
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        String postId = atExternalStage("Tampered " + UUID.randomUUID(), "Hello");
        String path = linkPath(mailTo(approver));
        String token = path.substring(path.lastIndexOf('/') + 1);
        char last = token.charAt(token.length() - 1);
        String otherMac = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherId = UUID.randomUUID() + token.substring(token.indexOf('.'));

        LoopbackClient browser = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response traversal = browser.get("/external/review/%2e%2e%2f%2e%2e%2fapi%2fposts", Map.of());
        assertThat(traversal.status()).as("encoded path traversal").isBetween(400, 404);
        for (String forged : new String[]{otherMac, otherId, token.substring(0, token.length() - 5), "nonsense",
                token + "x", "x".repeat(3000)}) {
            LoopbackClient.Response r = browser.get("/external/review/" + forged, Map.of());
            assertThat(r.status()).as(forged).isEqualTo(404);
            assertThat(r.body()).as(forged).contains("This link is not valid");
        }
        LoopbackClient.Response page = browser.get(path, Map.of());
        LoopbackClient.Response forgedPost = browser.postForm("/external/review/" + otherMac, Map.of("_csrf", csrf(page.body()),
                "decision", "approve", "contentHash", hiddenField(page.body(), "contentHash")));
        assertThat(forgedPost.status()).isEqualTo(404);
        LoopbackClient.Response noCsrf = new LoopbackClient("127.0.0.1", port).send("POST", path,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "decision=approve&contentHash=x");
        assertThat(noCsrf.status()).as("a cross-site POST without the page's token").isEqualTo(403);
        assertThat(waitingTask(postId)).as("nothing changed").isNotNull();
        assertThat(browser.get(path, Map.of()).status()).as("the real link still works").isEqualTo(200);
    }

    @Test
    void aLinkDiesWhenTheContentChanges() throws Exception {
        String postId = atExternalStage("Changing " + UUID.randomUUID(), "First text");
        String path = linkPath(mailTo(approver));
        LoopbackClient browser = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response page = browser.get(path, Map.of());
        assertThat(page.status()).isEqualTo(200);

        assertThat(api("creator", "POST", "/api/posts/" + postId + "/withdraw", null).status()).isEqualTo(200);
        assertThat(api("creator", "PUT", "/api/posts/" + postId, postJson("Changed title", "Second text")).status()).isEqualTo(200);

        LoopbackClient.Response changed = browser.get(path, Map.of());
        assertThat(changed.status()).isEqualTo(410);
        assertThat(changed.body()).contains("The post has changed");
        LoopbackClient.Response decide = browser.postForm(path, Map.of("_csrf", csrf(page.body()), "decision", "approve",
                "contentHash", hiddenField(page.body(), "contentHash")));
        assertThat(decide.status()).isEqualTo(410);
        assertThat(json(api("creator", "GET", "/api/posts/" + postId, null).body()).path("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void requestingChangesNeedsAComment() throws Exception {
        String postId = atExternalStage("Changes " + UUID.randomUUID(), "Hello");
        String path = linkPath(mailTo(approver));
        LoopbackClient browser = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response page = browser.get(path, Map.of());
        String hash = hiddenField(page.body(), "contentHash");

        LoopbackClient.Response noComment = browser.postForm(path, Map.of("_csrf", csrf(page.body()), "decision", "changes",
                "comment", " ", "contentHash", hash));
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.body()).contains("Tell us what to change");
        LoopbackClient.Response wrongHash = browser.postForm(path, Map.of("_csrf", csrf(page.body()), "decision", "approve",
                "contentHash", "0".repeat(64)));
        assertThat(wrongHash.status()).isEqualTo(409);
        assertThat(waitingTask(postId)).isNotNull();

        LoopbackClient.Response changes = browser.postForm(path, Map.of("_csrf", csrf(page.body()), "decision", "changes",
                "comment", "Use the new logo", "contentHash", hash));
        assertThat(changes.status()).isEqualTo(200);
        assertThat(changes.body()).contains("You requested changes");
        assertThat(json(api("creator", "GET", "/api/posts/" + postId, null).body()).path("status").asText())
                .isEqualTo("CHANGES_REQUESTED");
    }

    @Test
    void managersRevokeAndResendLinks() throws Exception {
        String postId = atExternalStage("Revoked " + UUID.randomUUID(), "Hello");
        String path = linkPath(mailTo(approver));
        String linkId = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
        String revoke = "/api/posts/" + postId + "/external-reviews/" + linkId + "/revoke";

        assertThat(api("creator", "POST", revoke, null).status()).isEqualTo(403);
        LoopbackClient.Response revoked = api("manager", "POST", revoke, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked.body()).path("status").asText()).isEqualTo("REVOKED");
        LoopbackClient.Response dead = new LoopbackClient("127.0.0.1", port).get(path, Map.of());
        assertThat(dead.status()).isEqualTo(410);
        assertThat(dead.body()).contains("This link was withdrawn");
        assertThat(api("manager", "POST", revoke, null).status()).as("revoked already").isEqualTo(409);

        MAIL.purgeEmailFromAllMailboxes();
        LoopbackClient.Response resent = api("manager", "POST", "/api/posts/" + postId + "/external-reviews/" + linkId + "/resend", null);
        assertThat(resent.status()).as(resent.body()).isEqualTo(200);
        String fresh = linkPath(mailTo(approver));
        assertThat(fresh).isNotEqualTo(path);
        assertThat(new LoopbackClient("127.0.0.1", port).get(fresh, Map.of()).status()).isEqualTo(200);
        assertThat(new LoopbackClient("127.0.0.1", port).get(path, Map.of()).status()).isEqualTo(410);

        LoopbackClient manager = LoopbackClient.signedIn(port, "manager");
        LoopbackClient.Response list = manager.get("/posts/" + postId + "/external-reviews", Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(approver).contains("REVOKED").contains("PENDING").contains("Revoke");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** creator writes and submits, reviewer approves in the API: the post waits for the external approver. */
    String atExternalStage(String title, String text) {
        LoopbackClient.Response created = api("creator", "POST", "/api/posts", postJson(title, text));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String postId = json(created.body()).path("id").asText();
        assertThat(api("creator", "POST", "/api/posts/" + postId + "/submit", null).status()).isEqualTo(200);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(postId).taskDefinitionKey("review").singleResult();
        assertThat(api("reviewer", "POST", "/api/tasks/" + review.getId() + "/claim", null).status()).isLessThan(300);
        LoopbackClient.Response approved = api("reviewer", "POST", "/api/tasks/" + review.getId() + "/complete",
                "{\"decision\":\"approve\"}");
        assertThat(approved.status()).as(approved.body()).isLessThan(300);
        assertThat(waitingTask(postId)).as("waiting for the external approver").isNotNull();
        return postId;
    }

    Task waitingTask(String postId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(postId).taskDefinitionKey(ExternalStageDiagram.TASK)
                .singleResult();
    }

    static MimeMessage mailTo(String address) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            MimeMessage found = Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
                try {
                    return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
                } catch (Exception e) {
                    return false;
                }
            }).reduce((a, b) -> b).orElse(null);
            if (found != null) {
                return found;
            }
            MAIL.waitForIncomingEmail(500, MAIL.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no e-mail to " + address);
    }

    static String linkPath(MimeMessage mail) {
        Matcher m = LINK.matcher(GreenMailUtil.getBody(mail));
        assertThat(m.find()).isTrue();
        return m.group(2);
    }

    static String csrf(String html) {
        String token = LoopbackClient.csrfToken(html);
        assertThat(token).as("the page's CSRF token").isNotNull();
        return token;
    }

    static String hiddenField(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("field %s", name).isTrue();
        return m.group(1);
    }

    static String postJson(String title, String text) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", title);
            body.put("variants", java.util.List.of(Map.of("channel", "local", "text", text)));
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    LoopbackClient.Response api(String user, String method, String path, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", basic(user, user));
        h.put("Accept", "application/json");
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        return new LoopbackClient("127.0.0.1", port).send(method, path, h, body == null && !method.equals("GET") ? "" : body);
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }
}
