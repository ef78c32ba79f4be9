package io.greenlight.review;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review loop through Camunda's REST API alone (what Tasklist and external clients use). Only the start
 * goes through /api: Greenlight's submit is the one way into the process.
 */
class EngineRestReviewLoopTest extends ApiTestSupport {

    @Test
    void reviewReviseAndApproveThroughEngineRest() {
        String title = unique("Engine REST");
        String firstText = "First words via the engine " + title;
        String revisedText = "Better words via the engine " + title;
        String postId = submittedPost(CREATOR, title, firstText).path("id").asText();

        // reviewer finds the review task of this post
        String reviewId = singleTask(REVIEWER, postId, "review");

        // Tasklist's shared filter "My group's tasks" is readable by reviewer and offers the task
        List<JsonNode> filters = list(http.get(REVIEWER, "/engine-rest/filter?resourceType=Task").expect(200).json());
        JsonNode groupFilter = filters.stream().filter(f -> "My group's tasks".equals(f.path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no 'My group's tasks' filter in " + filters));
        assertThat(filters).anySatisfy(f -> assertThat(f.path("name").asText()).isEqualTo("My tasks"));
        List<JsonNode> offered = list(http.get(REVIEWER, "/engine-rest/filter/" + groupFilter.path("id").asText() + "/list")
                .expect(200).json());
        assertThat(offered.stream().map(t -> t.path("id").asText())).contains(reviewId);
        // creators are no reviewers: the same filter does not offer them the task
        List<JsonNode> offeredToCreator = list(http.get(CREATOR, "/engine-rest/filter/" + groupFilter.path("id").asText()
                + "/list").expect(200).json());
        assertThat(offeredToCreator.stream().map(t -> t.path("id").asText())).doesNotContain(reviewId);

        http.post(REVIEWER, "/engine-rest/task/" + reviewId + "/claim", Http.json(Map.of("userId", REVIEWER))).expect(204);
        assertThat(openTask(postId, "review").getAssignee()).isEqualTo(REVIEWER);

        JsonNode form = http.get(REVIEWER, "/engine-rest/task/" + reviewId + "/form-variables").expect(200).json();
        assertThat(form.path("content").path("value").asText()).contains("[local]").contains(firstText);
        assertThat(form.path("title").path("value").asText()).isEqualTo(title);
        assertThat(form.path("author").path("value").asText()).isEqualTo(CREATOR);

        http.post(REVIEWER, "/engine-rest/task/" + reviewId + "/submit-form", Http.json(Map.of("variables", Map.of(
                "decision", Map.of("value", "changes"),
                "comment", Map.of("value", "Say it better"))))).expect(204);
        assertThat(status(postId)).isEqualTo("CHANGES_REQUESTED");

        // the author edits in Greenlight, then completes the revision through the engine
        http.put(CREATOR, "/api/posts/" + postId, postBody(title, revisedText)).expect(200);
        String reviseId = singleTask(CREATOR, postId, "revise");
        JsonNode reviseForm = http.get(CREATOR, "/engine-rest/task/" + reviseId + "/form-variables").expect(200).json();
        assertThat(reviseForm.path("feedback").path("value").asText()).isEqualTo("Say it better");
        http.post(CREATOR, "/engine-rest/task/" + reviseId + "/complete", "{}").expect(204);
        JsonNode resubmitted = getPost(CREATOR, postId);
        assertThat(resubmitted.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(resubmitted.path("contentVersion").asInt()).isEqualTo(2);

        // reviewer approves the new content
        String secondReviewId = singleTask(REVIEWER, postId, "review");
        assertThat(secondReviewId).isNotEqualTo(reviewId);
        JsonNode secondForm = http.get(REVIEWER, "/engine-rest/task/" + secondReviewId + "/form-variables").expect(200).json();
        assertThat(secondForm.path("content").path("value").asText()).contains(revisedText).doesNotContain(firstText);
        assertThat(secondForm.has("decision")).as("the previous round's decision is cleared").isFalse();
        http.post(REVIEWER, "/engine-rest/task/" + secondReviewId + "/claim", Http.json(Map.of("userId", REVIEWER))).expect(204);
        http.post(REVIEWER, "/engine-rest/task/" + secondReviewId + "/complete", Http.json(Map.of("variables", Map.of(
                "decision", Map.of("value", "approve"))))).expect(204);
        JsonNode scheduled = getPost(CREATOR, postId);
        assertThat(scheduled.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.path("approvedVersion").asInt()).isEqualTo(2);

        assertThat(runDueJobs(scheduled.path("processInstanceId").asText())).isEqualTo(2);
        assertThat(feedEntry(postId).path("text").asText()).isEqualTo(revisedText);
        assertThat(status(postId)).isEqualTo("PUBLISHED");

        // the decisions are task comments (read as admin: reviewers hold no history grants on ended tasks)
        List<JsonNode> comments = list(http.get(ADMIN, "/engine-rest/task/" + reviewId + "/comment").expect(200).json());
        assertThat(comments).anySatisfy(c -> {
            assertThat(c.path("message").asText()).isEqualTo("Changes requested: Say it better");
            assertThat(c.path("userId").asText()).isEqualTo(REVIEWER);
        });
    }

    /** The one open task of the post with this key, as GET /engine-rest/task shows it to the user. */
    private String singleTask(String user, String postId, String taskKey) {
        List<JsonNode> tasks = list(http.get(user, "/engine-rest/task?processInstanceBusinessKey=" + postId
                + "&taskDefinitionKey=" + taskKey).expect(200).json());
        assertThat(tasks).as("%s sees one '%s' task of %s", user, taskKey, postId).hasSize(1);
        assertThat(tasks.get(0).path("camundaFormRef").path("key").asText()).isEqualTo(taskKey + "-post");
        return tasks.get(0).path("id").asText();
    }
}
