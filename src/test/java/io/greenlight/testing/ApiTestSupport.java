package io.greenlight.testing;

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
public abstract class ApiTestSupport {

    public static final String CREATOR = "creator";
    public static final String CREATOR2 = "creator2";
    public static final String REVIEWER = "reviewer";
    public static final String MANAGER = "manager";
    public static final String ADMIN = "admin";

    @LocalServerPort
    public int port;

    @Autowired
    public ManagementService management;

    @Autowired
    public RuntimeService runtime;

    @Autowired
    public TaskService taskService;

    public Http http;

    @BeforeEach
    public void startClient() {
        http = new Http(port);
    }

    @AfterEach
    public void resetClock() {
        ClockUtil.reset();
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The JSON of a post with one variant on the `local` channel. */
    public static String postBody(String title, String text) {
        return postBody(title, text, Map.of());
    }

    public static String postBody(String title, String text, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("variants", List.of(Map.of("channel", "local", "text", text)));
        body.putAll(extra);
        return Http.json(body);
    }

    public JsonNode createPost(String user, String title, String text) {
        return createPost(user, postBody(title, text));
    }

    public JsonNode createPost(String user, String body) {
        Http.Response r = http.post(user, "/api/posts", body).expect(201);
        JsonNode post = r.json();
        assertThat(post.path("id").asText()).isNotBlank();
        assertThat(post.path("status").asText()).isEqualTo("DRAFT");
        assertThat(r.headers().getLocation()).hasToString("/api/posts/" + post.path("id").asText());
        return post;
    }

    public JsonNode submit(String user, String postId) {
        JsonNode post = http.post(user, "/api/posts/" + postId + "/submit", null).expect(200).json();
        assertThat(post.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(post.path("processInstanceId").asText()).isNotBlank();
        return post;
    }

    /** A new post by {@code author}, submitted: it waits in review. */
    public JsonNode submittedPost(String author, String title, String text) {
        String id = createPost(author, title, text).path("id").asText();
        return submit(author, id);
    }

    public JsonNode getPost(String user, String postId) {
        return http.get(user, "/api/posts/" + postId).expect(200).json();
    }

    public String status(String postId) {
        return getPost(CREATOR, postId).path("status").asText();
    }

    /** The post's one open stage with this task key, as GET /api/posts/{id} shows it. */
    public JsonNode stage(String user, String postId, String taskKey) {
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
    public Task openTask(String postId, String taskKey) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(postId).taskDefinitionKey(taskKey).list();
        assertThat(tasks).as("open '%s' tasks of post %s", taskKey, postId).hasSize(1);
        return tasks.get(0);
    }

    public static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** Executes this instance's due jobs (due date reached on the engine's clock) until none is left. */
    public int runDueJobs(String processInstanceId) {
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

    public List<JsonNode> feed() {
        return list(http.get(null, "/api/feed?limit=200").expect(200).json());
    }

    public JsonNode feedEntry(String postId) {
        List<JsonNode> entries = feed().stream().filter(e -> postId.equals(e.path("postId").asText())).toList();
        assertThat(entries).as("feed entries of post %s", postId).hasSize(1);
        return entries.get(0);
    }
}
