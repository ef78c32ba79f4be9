package io.greenlight.post;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Withdrawing, rejecting and editing an approved post, through /api; and tampering through /engine-rest. */
class PostLifecycleTest extends ApiTestSupport {

    @Test
    void aPublishedPostIsFinalAndAnEditedScheduledPostGoesBackToReview() {
        OffsetDateTime tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        String title = unique("Approved, then edited");
        Map<String, Object> schedule = Map.of("scheduledAt", tomorrow.toString());
        JsonNode submitted = submittedPost(CREATOR, title, "Approved text");
        String postId = submitted.path("id").asText();
        http.put(CREATOR, "/api/posts/" + postId, postBody(title, "Approved text", schedule)).expectProblem(409);
        String firstInstance = submitted.path("processInstanceId").asText();
        approve(postId);
        assertThat(status(postId)).isEqualTo("PUBLISHED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(firstInstance).count()).isZero();

        // a published post is final
        assertThat(http.put(CREATOR, "/api/posts/" + postId, postBody(title, "Too late")).expectProblem(409).detail())
                .contains("published");
        http.post(CREATOR, "/api/posts/" + postId + "/withdraw", null).expectProblem(409);

        // a scheduled one goes back to review when edited
        String second = createPost(CREATOR, postBody(unique("Scheduled"), "Tomorrow's text", schedule)).path("id").asText();
        String secondInstance = submit(CREATOR, second).path("processInstanceId").asText();
        String reviewId = stage(REVIEWER, second, "review").path("taskId").asText();
        http.post(REVIEWER, "/api/tasks/" + reviewId + "/complete", Http.json(Map.of("decision", "approve"))).expect(204);
        JsonNode scheduled = getPost(CREATOR, second);
        assertThat(scheduled.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.path("approvedVersion").asInt()).isEqualTo(1);

        JsonNode edited = http.put(CREATOR, "/api/posts/" + second, postBody("Scheduled, edited", "Changed after approval", schedule))
                .expect(200).json();
        assertThat(edited.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(edited.path("contentVersion").asInt()).isEqualTo(2);
        assertThat(edited.path("processInstanceId").asText()).isNotEqualTo(secondInstance);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(secondInstance).count())
                .as("the approval for the old content is void").isZero();
        assertThat(management.createJobQuery().processInstanceId(secondInstance).count()).isZero();
        JsonNode newReview = stage(REVIEWER, second, "review");
        assertThat(newReview.path("taskId").asText()).isNotEqualTo(reviewId);

        List<JsonNode> timeline = list(http.get(CREATOR, "/api/posts/" + second + "/timeline").expect(200).json());
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("withdrawn");
            assertThat(e.path("text").asText()).contains("Edited after approval by creator");
        });
        assertThat(timeline.stream().filter(e -> e.path("kind").asText().equals("submitted"))).hasSize(2);
    }

    @Test
    void aWithdrawnPostIsADraftAgainAndCanBeResubmitted() {
        String title = unique("Withdrawn");
        JsonNode submitted = submittedPost(CREATOR, title, "Second thoughts");
        String postId = submitted.path("id").asText();
        String instance = submitted.path("processInstanceId").asText();

        // a manager may withdraw too, another creator may not
        http.post(CREATOR2, "/api/posts/" + postId + "/withdraw", null).expectProblem(403);
        JsonNode withdrawn = http.post(MANAGER, "/api/posts/" + postId + "/withdraw", null).expect(200).json();
        assertThat(withdrawn.path("status").asText()).isEqualTo("DRAFT");
        assertThat(withdrawn.path("currentStages")).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(postId).count()).isZero();
        assertThat(http.post(CREATOR, "/api/posts/" + postId + "/withdraw", null).expectProblem(409).detail())
                .contains("draft");

        // editable again, and a new round starts on submit
        http.put(CREATOR, "/api/posts/" + postId, postBody(title, "Better thoughts")).expect(200);
        JsonNode again = submit(CREATOR, postId);
        assertThat(again.path("processInstanceId").asText()).isNotEqualTo(instance);
        assertThat(again.path("contentVersion").asInt()).isEqualTo(2);
        approve(postId);
        assertThat(feedEntry(postId).path("text").asText()).isEqualTo("Better thoughts");
    }

    @Test
    void aRejectedPostIsFinal() {
        String title = unique("Rejected");
        JsonNode submitted = submittedPost(CREATOR, title, "Off-brand");
        String postId = submitted.path("id").asText();
        String reviewId = submitted.path("currentStages").get(0).path("taskId").asText();
        http.post(REVIEWER, "/api/tasks/" + reviewId + "/complete", Http.json(Map.of("decision", "reject", "comment", "Not our tone")))
                .expect(204);
        JsonNode rejected = getPost(CREATOR, postId);
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("currentStages")).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(postId).count()).isZero();
        http.put(CREATOR, "/api/posts/" + postId, postBody(title, "Nicer")).expectProblem(409);
        http.post(CREATOR, "/api/posts/" + postId + "/submit", null).expectProblem(409);
        http.post(CREATOR, "/api/posts/" + postId + "/withdraw", null).expectProblem(409);
        assertThat(list(http.get(CREATOR, "/api/posts/" + postId + "/timeline").expect(200).json()))
                .anySatisfy(e -> assertThat(e.path("text").asText()).contains("Rejected: Not our tone"));
    }

    @Test
    void variablesSentWithADecisionCannotRedirectThePost() {
        JsonNode submitted = submittedPost(CREATOR, unique("Tamper"), "Keep my name on it");
        String postId = submitted.path("id").asText();
        String instance = submitted.path("processInstanceId").asText();
        String reviewId = submitted.path("currentStages").get(0).path("taskId").asText();

        http.post(REVIEWER, "/engine-rest/task/" + reviewId + "/complete", Http.json(Map.of("variables", Map.of(
                "decision", Map.of("value", "approve"),
                "author", Map.of("value", REVIEWER),
                "postId", Map.of("value", "someone-elses-post"))))).expect(204);

        assertThat(runtime.getVariable(instance, "author")).isEqualTo(CREATOR);
        assertThat(runtime.getVariable(instance, "postId")).isEqualTo(postId);
        runDueJobs(instance);
        JsonNode entry = feedEntry(postId);
        assertThat(entry.path("author").asText()).isEqualTo(CREATOR);
        assertThat(status(postId)).isEqualTo("PUBLISHED");
    }

    /** reviewer approves the post's open review and the post is published (no scheduled time). */
    private void approve(String postId) {
        String reviewId = stage(REVIEWER, postId, "review").path("taskId").asText();
        http.post(REVIEWER, "/api/tasks/" + reviewId + "/complete", Http.json(Map.of("decision", "approve"))).expect(204);
        runDueJobs(getPost(CREATOR, postId).path("processInstanceId").asText());
    }
}
