package io.greenlight.web;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal is the right 4xx with a JSON problem detail (on /api) or Camunda's JSON error (on /engine-rest),
 * a message for people, and no change. {@link Http} also checks every answer for 5xx and stack traces.
 */
class BadInputTest extends ApiTestSupport {

    @Autowired
    IdentityService identity;

    // ---- creating posts -------------------------------------------------------------------------------

    @Test
    void invalidPostsAreRefusedWithAReasonAndNotStored() {
        long before = totalPosts();
        String title = unique("Bad");

        assertThat(refusedCreate(Http.json(Map.of("variants", List.of(Map.of("channel", "local", "text", "hi"))))))
                .contains("title");
        assertThat(refusedCreate(postBody("   ", "blank title"))).contains("title");
        assertThat(refusedCreate(Http.json(Map.of("title", title, "variants", List.of(Map.of("channel", "nowhere", "text", "hi"))))))
                .contains("Unknown channel 'nowhere'");
        assertThat(refusedCreate(Http.json(Map.of("title", title, "variants", List.of())))).contains("variants");
        assertThat(refusedCreate(Http.json(Map.of("title", title)))).contains("variants");
        assertThat(refusedCreate(Http.json(Map.of("title", title, "variants", List.of(
                Map.of("channel", "local", "text", "one"), Map.of("channel", "local", "text", "two"))))))
                .contains("'local' appears twice");
        assertThat(refusedCreate(Http.json(Map.of("title", title, "variants", List.of(Map.of("channel", "local", "text", " "))))))
                .contains("empty");

        String tooLong = "a".repeat(6000);
        String lengthMessage = refusedCreate(postBody(title, tooLong));
        assertThat(lengthMessage).contains("local").contains("5,000").contains("6,000");

        assertThat(refusedCreate(postBody(title, "when?", Map.of("scheduledAt", "tomorrow")))).contains("scheduledAt");
        assertThat(refusedCreate(postBody(title, "when?", Map.of("scheduledAt", "2026-12-01T09:00:00"))))
                .as("a time without offset is ambiguous").contains("scheduledAt");
        assertThat(refusedCreate(postBody(title, "where?", Map.of("timeZone", "Mars/Olympus_Mons")))).contains("timeZone");

        // several problems at once: all are listed
        Http.Response many = http.post(CREATOR, "/api/posts", Http.json(Map.of("title", "", "timeZone", "Nowhere/Never",
                "variants", List.of(Map.of("channel", "local", "text", tooLong))))).expectProblem(400);
        assertThat(many.detail()).contains("3 problems");
        assertThat(list(many.json().path("errors")).stream().map(JsonNode::asText))
                .anySatisfy(e -> assertThat(e).startsWith("title"))
                .anySatisfy(e -> assertThat(e).startsWith("timeZone"))
                .anySatisfy(e -> assertThat(e).contains("5,000"));

        assertThat(refusedCreate(postBody("t".repeat(201), "long title"))).contains("title").contains("200");
        assertThat(refusedCreate(Http.json(Map.of("title", title, "variants", List.of(
                Map.of("channel", "local", "text", "see link", "link", "javascript:alert(1)")))))).contains("link");
        assertThat(refusedCreate(postBody(title, "x".repeat(70_001)))).contains("far too long");
        assertThat(refusedCreate(postBody(title, "far future", Map.of("scheduledAt", "+10000-01-01T00:00:00Z"))))
                .contains("scheduledAt");
        assertThat(refusedCreate("{\"title\": \"nulls\", \"variants\": [null]}")).contains("channel");
        assertThat(refusedCreate("{\"title\": \"nulls\", \"variants\": [{\"text\": \"no channel\"}]}")).contains("channel");
        assertThat(refusedCreate("null")).isNotBlank();

        assertThat(totalPosts()).as("no refused post was stored").isEqualTo(before);
    }

    @Test
    void invalidEditsChangeNothing() {
        String title = unique("Keep me");
        JsonNode draft = createPost(CREATOR, title, "Original");
        String postId = draft.path("id").asText();
        http.put(CREATOR, "/api/posts/" + postId, postBody("", "Changed")).expectProblem(400);
        http.put(CREATOR, "/api/posts/" + postId, postBody(title, "a".repeat(6000))).expectProblem(400);
        http.put(CREATOR, "/api/posts/" + postId, Http.json(Map.of("title", title, "variants", List.of(
                Map.of("channel", "nowhere", "text", "x"))))).expectProblem(400);
        http.put(CREATOR, "/api/posts/" + postId, "{\"title\": ").expectProblem(400);
        JsonNode after = getPost(CREATOR, postId);
        assertThat(after.path("title").asText()).isEqualTo(title);
        assertThat(after.path("variants").get(0).path("text").asText()).isEqualTo("Original");
        assertThat(after.path("updatedAt").asText()).isEqualTo(draft.path("updatedAt").asText());
        // a draft is not in any process: nothing to withdraw
        http.post(CREATOR, "/api/posts/" + postId + "/withdraw", null).expectProblem(409);
    }

    @Test
    void badQueryParametersAre400() {
        http.get(null, "/api/feed?limit=lots").expectProblem(400);
        http.get(CREATOR, "/api/notifications?limit=lots").expectProblem(400);
        http.get(CREATOR, "/api/posts?size=lots").expectProblem(400);
        // out-of-range numbers are clamped, not errors
        http.get(CREATOR, "/api/posts?page=-3&size=100000").expect(200);
        http.get(null, "/api/feed?limit=-1").expect(200);
        http.send(HttpMethod.DELETE, "/api/posts", CREATOR, CREATOR, null, Map.of()).expectProblem(405);
    }

    @Test
    void unreadableBodiesAreRefused() {
        long before = totalPosts();
        assertThat(refusedCreate("{\"title\": \"broken\", \"variants\": [")).contains("not valid JSON");
        assertThat(refusedCreate("not json at all")).contains("not valid JSON");
        assertThat(refusedCreate("{\"title\": {\"nested\": true}, \"variants\": []}")).contains("title");
        assertThat(refusedCreate("{\"title\": \"types\", \"variants\": \"local\"}")).contains("variants");
        assertThat(refusedCreate("{\"title\": \"types\", \"variants\": [\"local\"]}")).isNotBlank();
        assertThat(refusedCreate("{\"title\": \"types\", \"variants\": [{\"channel\": \"local\", \"text\": [1, 2]}]}"))
                .contains("text");
        assertThat(refusedCreate("{\"title\": \"types\", \"scheduledAt\": false, \"variants\": []}")).contains("scheduledAt");
        assertThat(refusedCreate("")).isNotBlank();

        // JSON only
        Http.Response form = http.send(HttpMethod.POST, "/api/posts", CREATOR, CREATOR, "title=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        form.expectProblem(415);
        assertThat(totalPosts()).isEqualTo(before);
    }

    @Test
    void onlyCreatorsAndManagersWritePosts() {
        long before = totalPosts();
        assertThat(http.post(REVIEWER, "/api/posts", postBody(unique("Reviewer's"), "not mine to write"))
                .expectProblem(403).detail()).contains("creators");
        assertThat(totalPosts()).isEqualTo(before);
    }

    // ---- unknown things ----------------------------------------------------------------------------------

    @Test
    void unknownPostsAndTasksAre404() {
        String missing = "00000000-0000-0000-0000-000000000000";
        assertThat(http.get(CREATOR, "/api/posts/" + missing).expectProblem(404).detail()).contains(missing);
        http.put(CREATOR, "/api/posts/" + missing, postBody("t", "x")).expectProblem(404);
        http.post(CREATOR, "/api/posts/" + missing + "/submit", null).expectProblem(404);
        http.post(CREATOR, "/api/posts/" + missing + "/withdraw", null).expectProblem(404);
        http.get(CREATOR, "/api/posts/" + missing + "/timeline").expectProblem(404);
        http.get(CREATOR, "/api/posts/" + missing + "/versions").expectProblem(404);
        http.get(CREATOR, "/api/posts/" + "x".repeat(300)).expectProblem(404);

        assertThat(http.get(REVIEWER, "/api/tasks/no-such-task").expectProblem(404).detail()).contains("no-such-task");
        http.post(REVIEWER, "/api/tasks/no-such-task/claim", null).expectProblem(404);
        http.post(REVIEWER, "/api/tasks/no-such-task/unclaim", null).expectProblem(404);
        http.post(REVIEWER, "/api/tasks/no-such-task/complete", Http.json(Map.of("decision", "approve"))).expectProblem(404);
        http.get(CREATOR, "/api/no-such-endpoint").expectProblem(404);
    }

    @Test
    void unknownStatusFilterIs400() {
        assertThat(http.get(CREATOR, "/api/posts?status=LOST").expectProblem(400).detail()).contains("LOST").contains("IN_REVIEW");
        assertThat(http.get(CREATOR, "/api/posts?page=first").expectProblem(400).detail()).contains("page");
        http.get(CREATOR, "/api/posts?status=draft&page=0&size=5").expect(200);
    }

    // ---- states and ownership ----------------------------------------------------------------------------

    @Test
    void postsInReviewCannotBeEditedOrSubmittedAgain() {
        String title = unique("Locked");
        JsonNode post = submittedPost(CREATOR, title, "Under review");
        String postId = post.path("id").asText();

        assertThat(http.put(CREATOR, "/api/posts/" + postId, postBody(title, "sneaky edit")).expectProblem(409).detail())
                .contains("in review").contains("Withdraw");
        assertThat(http.post(CREATOR, "/api/posts/" + postId + "/submit", null).expectProblem(409).detail())
                .contains("Only a draft");

        JsonNode after = getPost(CREATOR, postId);
        assertThat(after.path("variants").get(0).path("text").asText()).isEqualTo("Under review");
        assertThat(after.path("contentVersion").asInt()).isEqualTo(1);
        assertThat(after.path("updatedAt").asText()).isEqualTo(post.path("updatedAt").asText());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(postId).count()).isEqualTo(1);
    }

    @Test
    void othersCannotEditSubmitOrWithdrawSomeoneElsesPost() {
        String title = unique("Cora's");
        JsonNode draft = createPost(CREATOR, title, "Mine");
        String postId = draft.path("id").asText();

        assertThat(http.put(CREATOR2, "/api/posts/" + postId, postBody(title, "Carl was here")).expectProblem(403).detail())
                .contains("Only the author (creator)");
        http.post(CREATOR2, "/api/posts/" + postId + "/submit", null).expectProblem(403);
        JsonNode unchanged = getPost(CREATOR, postId);
        assertThat(unchanged.path("status").asText()).isEqualTo("DRAFT");
        assertThat(unchanged.path("variants").get(0).path("text").asText()).isEqualTo("Mine");

        submit(CREATOR, postId);
        http.post(CREATOR2, "/api/posts/" + postId + "/withdraw", null).expectProblem(403);
        assertThat(status(postId)).isEqualTo("IN_REVIEW");
    }

    // ---- authentication ----------------------------------------------------------------------------------

    @Test
    void missingOrWrongCredentialsAre401() {
        // A wrong password makes Camunda delay that user's next logins (3 s, doubling): guess on a user of our own,
        // so the demo users the other tests sign in with stay usable.
        String user = "probe" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        User probe = identity.newUser(user);
        probe.setPassword("right-password");
        identity.saveUser(probe);
        identity.createMembership(user, "creators");
        http.send(HttpMethod.GET, "/api/posts", user, "right-password", null, Map.of()).expect(200);

        for (String path : List.of("/api/posts", "/api/tasks", "/api/notifications", "/engine-rest/task")) {
            Http.Response anonymous = http.get(null, path).expect(401);
            assertThat(anonymous.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
            assertThat(anonymous.detail()).contains("Sign in");
            http.send(HttpMethod.GET, path, user, "not-the-password", null, Map.of()).expect(401);
            http.send(HttpMethod.GET, path, "nobody", "nobody", null, Map.of()).expect(401);
        }
        long before = totalPosts();
        assertThat(http.send(HttpMethod.POST, "/api/posts", null, null, postBody("anonymous", "x"), Map.of())
                .expectProblem(401).detail()).contains("Sign in");
        http.send(HttpMethod.POST, "/api/posts", user, "wrong", postBody("wrong password", "x"), Map.of()).expectProblem(401);
        http.send(HttpMethod.POST, "/api/posts/" + UUID.randomUUID() + "/submit", null, null, null, Map.of()).expectProblem(401);
        http.send(HttpMethod.POST, "/engine-rest/process-definition/key/post-approval/start", null, null, "{}", Map.of())
                .expect(401);
        assertThat(totalPosts()).isEqualTo(before);
        // the public feed and the API description need no sign-in
        http.get(null, "/api/feed").expect(200);
    }

    // ---- review decisions ----------------------------------------------------------------------------------

    @Test
    void invalidDecisionsAreRefusedOnEveryRoute() {
        JsonNode post = submittedPost(CREATOR, unique("Decide properly"), "Needs a real decision");
        String postId = post.path("id").asText();
        String taskId = post.path("currentStages").get(0).path("taskId").asText();
        http.post(REVIEWER, "/api/tasks/" + taskId + "/claim", null).expect(200);

        // /api
        assertThat(http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", Http.json(Map.of("decision", "maybe", "comment", "hm")))
                .expectProblem(400).detail()).contains("'decision' must be one of approve, changes or reject").contains("maybe");
        assertThat(http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", null).expectProblem(400).detail())
                .contains("'decision'").contains("missing");
        assertThat(http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", Http.json(Map.of("decision", "changes")))
                .expectProblem(400).detail()).contains("comment is required");
        assertThat(http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", Http.json(Map.of("decision", "reject", "comment", "  ")))
                .expectProblem(400).detail()).contains("comment is required");
        http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", "{\"decision\": [\"approve\"]}").expectProblem(400);

        // /engine-rest complete and submit-form
        for (String operation : List.of("complete", "submit-form")) {
            String path = "/engine-rest/task/" + taskId + "/" + operation;
            assertThat(http.post(REVIEWER, path, variables(Map.of("decision", "maybe", "comment", "hm"))).expect(400).message())
                    .contains("'decision' must be one of approve, changes or reject");
            assertThat(http.post(REVIEWER, path, variables(Map.of("decision", "changes"))).expect(400).message())
                    .contains("comment is required");
            assertThat(http.post(REVIEWER, path, variables(Map.of("decision", "reject", "comment", ""))).expect(400).message())
                    .contains("comment is required");
            assertThat(http.post(REVIEWER, path, "{}").expect(400).message()).contains("'decision'");
        }

        // nothing moved
        Task open = openTask(postId, "review");
        assertThat(open.getId()).isEqualTo(taskId);
        assertThat(open.getAssignee()).isEqualTo(REVIEWER);
        assertThat(runtime.getVariable(open.getProcessInstanceId(), "decision")).isNull();
        assertThat(taskService.getTaskComments(taskId)).isEmpty();
        assertThat(status(postId)).isEqualTo("IN_REVIEW");

        // a valid decision still goes through
        http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", Http.json(Map.of("decision", "reject", "comment", "Off-brand")))
                .expect(204);
        assertThat(status(postId)).isEqualTo("REJECTED");
    }

    @Test
    void authorsAndOutsidersCannotCompleteReviewsThroughTheEngine() {
        JsonNode post = submittedPost(CREATOR, unique("Not yours"), "Hands off");
        String postId = post.path("id").asText();
        String taskId = post.path("currentStages").get(0).path("taskId").asText();
        String approve = variables(Map.of("decision", "approve"));

        for (String user : List.of(CREATOR, CREATOR2)) {
            http.post(user, "/engine-rest/task/" + taskId + "/complete", approve).expect(403);
            http.post(user, "/engine-rest/task/" + taskId + "/submit-form", approve).expect(403);
            http.post(user, "/engine-rest/task/" + taskId + "/claim", Http.json(Map.of("userId", user))).expect(403);
        }
        // and not through /api either: the task is not offered to them
        http.post(CREATOR, "/api/tasks/" + taskId + "/complete", Http.json(Map.of("decision", "approve"))).expectProblem(404);

        assertThat(openTask(postId, "review").getAssignee()).isNull();
        assertThat(status(postId)).isEqualTo("IN_REVIEW");
    }

    @Test
    void onlyGreenlightsSubmitStartsThePostProcess() {
        long instancesBefore = runtime.createProcessInstanceQuery().processDefinitionKey("post-approval").count();
        String start = Http.json(Map.of("businessKey", "forged", "variables", Map.of("title", Map.of("value", "forged"))));

        for (String user : List.of(ADMIN, CREATOR, MANAGER)) {
            http.post(user, "/engine-rest/process-definition/key/post-approval/start", start).expect(403);
            http.post(user, "/engine-rest/process-definition/key/post-approval/submit-form", start).expect(403);
        }
        assertThat(http.post(ADMIN, "/engine-rest/process-definition/key/post-approval/start", start).message())
                .contains("only through Greenlight's submit");

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("post-approval").count()).isEqualTo(instancesBefore);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("forged").count()).isZero();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private String refusedCreate(String body) {
        return http.post(CREATOR, "/api/posts", body).expectProblem(400).detail();
    }

    private long totalPosts() {
        return http.get(ADMIN, "/api/posts?size=1").expect(200).json().path("total").asLong();
    }

    /** Camunda REST's {"variables": {"name": {"value": …}}}. */
    private static String variables(Map<String, String> values) {
        Map<String, Object> variables = new HashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return Http.json(Map.of("variables", variables));
    }
}
