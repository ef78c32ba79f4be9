package io.greenlight.review;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Nobody decides on a post they wrote — on every route. manager is a reviewer too, which makes it tempting. */
class FourEyesTest extends ApiTestSupport {

    @Test
    void theAuthorCanNeitherClaimNorDecideOnAnyRoute() {
        String title = unique("Manager's own");
        JsonNode post = submittedPost(MANAGER, title, "Written by a manager who also reviews");
        String postId = post.path("id").asText();
        String taskId = post.path("currentStages").get(0).path("taskId").asText();
        String approve = Http.json(Map.of("decision", "approve"));
        String approveVariables = Http.json(Map.of("variables", Map.of("decision", Map.of("value", "approve"))));

        // manager sees the task (as a reviewer) but cannot take or decide it
        assertThat(list(http.get(MANAGER, "/api/tasks").expect(200).json()).stream().map(t -> t.path("id").asText()))
                .contains(taskId);

        fourEyes(http.post(MANAGER, "/api/tasks/" + taskId + "/claim", null).expectProblem(403).detail(), title);
        fourEyes(http.post(MANAGER, "/api/tasks/" + taskId + "/complete", approve).expectProblem(403).detail(), title);
        fourEyes(http.post(MANAGER, "/engine-rest/task/" + taskId + "/claim", Http.json(Map.of("userId", MANAGER)))
                .expect(403).message(), title);
        fourEyes(http.post(MANAGER, "/engine-rest/task/" + taskId + "/complete", approveVariables).expect(403).message(), title);
        fourEyes(http.post(MANAGER, "/engine-rest/task/" + taskId + "/submit-form", approveVariables).expect(403).message(), title);
        // not even an admin can hand it to its author
        fourEyes(http.post(ADMIN, "/engine-rest/task/" + taskId + "/assignee", Http.json(Map.of("userId", MANAGER)))
                .expect(403).message(), title);
        fourEyes(http.post(ADMIN, "/engine-rest/task/" + taskId + "/claim", Http.json(Map.of("userId", MANAGER)))
                .expect(403).message(), title);

        // nothing happened: the task is open, unassigned, undecided; the post waits in review
        Task open = openTask(postId, "review");
        assertThat(open.getId()).isEqualTo(taskId);
        assertThat(open.getAssignee()).isNull();
        assertThat(runtime.getVariable(open.getProcessInstanceId(), "decision")).isNull();
        assertThat(status(postId)).isEqualTo("IN_REVIEW");

        // another reviewer decides
        http.post(REVIEWER, "/api/tasks/" + taskId + "/claim", null).expect(200);
        // still refused for the author while someone else holds it
        fourEyes(http.post(MANAGER, "/api/tasks/" + taskId + "/complete", approve).expectProblem(403).detail(), title);
        assertThat(openTask(postId, "review").getAssignee()).isEqualTo(REVIEWER);

        http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", approve).expect(204);
        assertThat(status(postId)).isEqualTo("SCHEDULED");
        runDueJobs(post.path("processInstanceId").asText());
        assertThat(status(postId)).isEqualTo("PUBLISHED");
    }

    private static void fourEyes(String message, String title) {
        assertThat(message).contains("Four-eyes rule").contains(MANAGER).contains(title);
    }
}
