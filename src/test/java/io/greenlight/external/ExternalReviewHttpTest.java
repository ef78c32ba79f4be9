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

        LoopbackClient browser = anonymous();
        LoopbackClient.Response page = browser.get(path, Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.body()).contains("Winter &lt;b&gt;sale&lt;/b&gt;")
                .contains("Our &lt;script&gt;alert(1)&lt;/script&gt; winter sale starts today!")
                .doesNotContain("<script>alert(1)").contains(approver);
        String hash = hash(page);
        JsonNode versions = json(api("creator", "GET", "/api/posts/" + postId + "/versions", null).body());
        assertThat(hash).isEqualTo(versions.get(0).path("contentHash").asText());

        LoopbackClient.Response decided = decide(browser, path, page, "approve", "Looks great", hash);

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

        LoopbackClient.Response again = decide(browser, path, page, "approve", null, hash);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("This link was already used");
        LoopbackClient.Response reopened = anonymous().get(path, Map.of());
        assertThat(reopened.status()).isEqualTo(410);
        assertThat(reopened.body()).contains("already used");
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        Opened link = openedLink("Expiring " + UUID.randomUUID(), "Hello");

        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 3L * 24 * 3600 * 1000 + 60_000));

        LoopbackClient.Response expired = link.browser().get(link.path(), Map.of());
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired");
        assertThat(link.decide("approve", null, hash(link.page())).status()).isEqualTo(410);
        assertThat(waitingTask(link.postId())).as("still waiting for the approver").isNotNull();
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        String postId = atExternalStage("Tampered " + UUID.randomUUID(), "Hello");
        String path = linkPath(mailTo(approver));
        String token = path.substring(path.lastIndexOf('/') + 1);
        char last = token.charAt(token.length() - 1);
        String otherMac = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherId = UUID.randomUUID() + token.substring(token.indexOf('.'));

        LoopbackClient browser = anonymous();
        LoopbackClient.Response traversal = browser.get("/external/review/%2e%2e%2f%2e%2e%2fapi%2fposts", Map.of());
        assertThat(traversal.status()).as("encoded path traversal").isBetween(400, 404);
        for (String forged : new String[]{otherMac, otherId, token.substring(0, token.length() - 5), "nonsense",
                token + "x", "x".repeat(3000)}) {
            LoopbackClient.Response r = browser.get("/external/review/" + forged, Map.of());
            assertThat(r.status()).as(forged).isEqualTo(404);
            assertThat(r.body()).as(forged).contains("This link is not valid");
        }
        LoopbackClient.Response page = browser.get(path, Map.of());
        LoopbackClient.Response forgedPost = decide(browser, "/external/review/" + otherMac, page, "approve", null, hash(page));
        assertThat(forgedPost.status()).isEqualTo(404);
        LoopbackClient.Response noCsrf = new LoopbackClient("127.0.0.1", port).send("POST", path,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "decision=approve&contentHash=x");
        assertThat(noCsrf.status()).as("a cross-site POST without the page's token").isEqualTo(403);
        assertThat(waitingTask(postId)).as("nothing changed").isNotNull();
        assertThat(browser.get(path, Map.of()).status()).as("the real link still works").isEqualTo(200);
    }

    @Test
    void aLinkDiesWhenTheContentChanges() throws Exception {
        Opened link = openedLink("Changing " + UUID.randomUUID(), "First text");

        assertThat(api("creator", "POST", "/api/posts/" + link.postId() + "/withdraw", null).status()).isEqualTo(200);
        assertThat(api("creator", "PUT", "/api/posts/" + link.postId(), postJson("Changed title", "Second text")).status()).isEqualTo(200);

        LoopbackClient.Response changed = link.browser().get(link.path(), Map.of());
        assertThat(changed.status()).isEqualTo(410);
        assertThat(changed.body()).contains("The post has changed");
        assertThat(link.decide("approve", null, hash(link.page())).status()).isEqualTo(410);
        assertThat(json(api("creator", "GET", "/api/posts/" + link.postId(), null).body()).path("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void requestingChangesNeedsAComment() throws Exception {
        Opened link = openedLink("Changes " + UUID.randomUUID(), "Hello");
        String hash = hash(link.page());

        LoopbackClient.Response noComment = link.decide("changes", " ", hash);
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.body()).contains("Tell us what to change");
        LoopbackClient.Response wrongHash = link.decide("approve", null, "0".repeat(64));
        assertThat(wrongHash.status()).isEqualTo(409);
        assertThat(waitingTask(link.postId())).isNotNull();

        LoopbackClient.Response changes = link.decide("changes", "Use the new logo", hash);
        assertThat(changes.status()).isEqualTo(200);
        assertThat(changes.body()).contains("You requested changes");
        assertThat(json(api("creator", "GET", "/api/posts/" + link.postId(), null).body()).path("status").asText())
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
        LoopbackClient.Response dead = anonymous().get(path, Map.of());
        assertThat(dead.status()).isEqualTo(410);
        assertThat(dead.body()).contains("This link was withdrawn");
        assertThat(api("manager", "POST", revoke, null).status()).as("revoked already").isEqualTo(409);

        MAIL.purgeEmailFromAllMailboxes();
        LoopbackClient.Response resent = api("manager", "POST", "/api/posts/" + postId + "/external-reviews/" + linkId + "/resend", null);
        assertThat(resent.status()).as(resent.body()).isEqualTo(200);
        String fresh = linkPath(mailTo(approver));
        assertThat(fresh).isNotEqualTo(path);
        assertThat(anonymous().get(fresh, Map.of()).status()).isEqualTo(200);
        assertThat(anonymous().get(path, Map.of()).status()).isEqualTo(410);

        LoopbackClient manager = LoopbackClient.signedIn(port, "manager");
        LoopbackClient.Response list = manager.get("/posts/" + postId + "/external-reviews", Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(approver).contains("REVOKED").contains("PENDING").contains("Revoke");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A post at the external stage whose e-mailed link the approver has opened. */
    Opened openedLink(String title, String text) throws Exception {
        String postId = atExternalStage(title, text);
        String path = linkPath(mailTo(approver));
        LoopbackClient browser = anonymous();
        LoopbackClient.Response page = browser.get(path, Map.of());
        assertThat(page.status()).isEqualTo(200);
        return new Opened(postId, path, browser, page);
    }

    record Opened(String postId, String path, LoopbackClient browser, LoopbackClient.Response page) {

        LoopbackClient.Response decide(String decision, String comment, String contentHash) {
            return ExternalReviewHttpTest.decide(browser, path, page, decision, comment, contentHash);
        }
    }

    /** A browser without a Greenlight session, as the external approver has. */
    LoopbackClient anonymous() {
        return new LoopbackClient("127.0.0.1", port);
    }

    /** Sends the review page's form back with a decision, as the approver's browser does; no comment when null. */
    static LoopbackClient.Response decide(LoopbackClient browser, String path, LoopbackClient.Response page, String decision,
                                          String comment, String contentHash) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf(page.body()));
        form.put("decision", decision);
        if (comment != null) {
            form.put("comment", comment);
        }
        form.put("contentHash", contentHash);
        return browser.postForm(path, form);
    }

    /** The content version the review page shows (its hidden contentHash field). */
    static String hash(LoopbackClient.Response page) {
        return hiddenField(page.body(), "contentHash");
    }

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
