package io.greenlight.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One running server on a random port, shared by every HTTP test (same configuration → one cached context).
 * The job executor is off in the test profile: tests run due jobs themselves and move time with ClockUtil.
 * The in-memory database is shared too, so every test creates its own posts and never assumes empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class ApiTestSupport {

    static final String CREATOR = "creator";
    static final String CREATOR2 = "creator2";
    static final String REVIEWER = "reviewer";
    static final String MANAGER = "manager";
    static final String ADMIN = "admin";

    @LocalServerPort
    int port;

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService taskService;

    Http http;

    @BeforeEach
    void startClient() {
        http = new Http(port);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The JSON of a post with one variant on the `local` channel. */
    static String postBody(String title, String text) {
        return postBody(title, text, Map.of());
    }

    static String postBody(String title, String text, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("variants", List.of(Map.of("channel", "local", "text", text)));
        body.putAll(extra);
        return Http.json(body);
    }

    JsonNode createPost(String user, String title, String text) {
        return createPost(user, postBody(title, text));
    }

    JsonNode createPost(String user, String body) {
        Http.Response r = http.post(user, "/api/posts", body).expect(201);
        JsonNode post = r.json();
        assertThat(post.path("id").asText()).isNotBlank();
        assertThat(post.path("status").asText()).isEqualTo("DRAFT");
        assertThat(r.headers().getLocation()).hasToString("/api/posts/" + post.path("id").asText());
        return post;
    }

    JsonNode submit(String user, String postId) {
        JsonNode post = http.post(user, "/api/posts/" + postId + "/submit", null).expect(200).json();
        assertThat(post.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(post.path("processInstanceId").asText()).isNotBlank();
        return post;
    }

    /** A new post by {@code author}, submitted: it waits in review. */
    JsonNode submittedPost(String author, String title, String text) {
        String id = createPost(author, title, text).path("id").asText();
        return submit(author, id);
    }

    JsonNode getPost(String user, String postId) {
        return http.get(user, "/api/posts/" + postId).expect(200).json();
    }

    String status(String postId) {
        return getPost(CREATOR, postId).path("status").asText();
    }

    /** The post's one open stage with this task key, as GET /api/posts/{id} shows it. */
    JsonNode stage(String user, String postId, String taskKey) {
        List<JsonNode> stages = new ArrayList<>();
        getPost(user, postId).path("currentStages").forEach(s -> {
            if (taskKey.equals(s.path("taskKey").asText())) {
                stages.add(s);
            }
        });
        assertThat(stages).as("open '%s' stages of post %s", taskKey, postId).hasSize(1);
        return stages.get(0);
    }

    /** The open task of this post and key, straight from the engine (for checks, not for acting). */
    Task openTask(String postId, String taskKey) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(postId).taskDefinitionKey(taskKey).list();
        assertThat(tasks).as("open '%s' tasks of post %s", taskKey, postId).hasSize(1);
        return tasks.get(0);
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** Executes this instance's due jobs (due date reached on the engine's clock) until none is left. */
    int runDueJobs(String processInstanceId) {
        int executed = 0;
        for (int round = 0; round < 20; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
            if (due.isEmpty()) {
                return executed;
            }
            for (Job job : due) {
                management.executeJob(job.getId());
                executed++;
            }
        }
        return fail("Jobs of %s keep coming", processInstanceId);
    }

    List<JsonNode> feed() {
        return list(http.get(null, "/api/feed?limit=200").expect(200).json());
    }

    JsonNode feedEntry(String postId) {
        List<JsonNode> entries = feed().stream().filter(e -> postId.equals(e.path("postId").asText())).toList();
        assertThat(entries).as("feed entries of post %s", postId).hasSize(1);
        return entries.get(0);
    }
}
