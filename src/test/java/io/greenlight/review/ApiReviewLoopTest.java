package io.greenlight.review;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole loop — write, submit, request changes, revise, approve, publish — through /api alone. */
class ApiReviewLoopTest extends ApiTestSupport {

    @Test
    void writeReviewReviseApprovePublishThroughTheApi() {
        String title = unique("Spring launch");
        String firstText = "Our spring launch is coming " + title;
        String revisedText = "Our spring launch is here, with prices " + title;

        // creator writes a draft and submits it
        JsonNode draft = createPost(CREATOR, title, firstText);
        String postId = draft.path("id").asText();
        assertThat(draft.path("author").asText()).isEqualTo(CREATOR);
        assertThat(draft.path("contentVersion").asInt()).isZero();
        assertThat(draft.path("variants").get(0).path("channel").asText()).isEqualTo("local");
        assertThat(draft.path("variants").get(0).path("count").asInt()).isEqualTo(firstText.length());
        assertThat(draft.path("variants").get(0).path("limit").asInt()).isEqualTo(5000);

        JsonNode submitted = submit(CREATOR, postId);
        assertThat(submitted.path("contentVersion").asInt()).isEqualTo(1);
        String instanceId = submitted.path("processInstanceId").asText();
        JsonNode reviewStage = submitted.path("currentStages").get(0);
        assertThat(reviewStage.path("taskKey").asText()).isEqualTo("review");
        assertThat(reviewStage.path("candidateGroups").toString()).contains("reviewers");
        String reviewId = reviewStage.path("taskId").asText();

        // it is listed under its status
        JsonNode inReview = http.get(CREATOR, "/api/posts?status=in_review&page=0&size=100").expect(200).json();
        assertThat(list(inReview.path("items")).stream().map(p -> p.path("id").asText())).contains(postId);

        // reviewer finds the task, claims it and requests changes
        JsonNode reviewTask = task(REVIEWER, reviewId);
        assertThat(reviewTask.path("postId").asText()).isEqualTo(postId);
        assertThat(reviewTask.path("title").asText()).isEqualTo(title);
        assertThat(reviewTask.path("author").asText()).isEqualTo(CREATOR);
        assertThat(reviewTask.path("form").asText()).isEqualTo("review-post");
        assertThat(reviewTask.path("mine").asBoolean()).isFalse();

        JsonNode claimed = http.post(REVIEWER, "/api/tasks/" + reviewId + "/claim", null).expect(200).json();
        assertThat(claimed.path("assignee").asText()).isEqualTo(REVIEWER);
        assertThat(claimed.path("mine").asBoolean()).isTrue();

        http.post(REVIEWER, "/api/tasks/" + reviewId + "/complete",
                Http.json(Map.of("decision", "changes", "comment", "Please mention the prices"))).expect(204);

        // creator sees the request, edits and resubmits by completing the revision task
        JsonNode changes = getPost(CREATOR, postId);
        assertThat(changes.path("status").asText()).isEqualTo("CHANGES_REQUESTED");
        JsonNode reviseStage = stage(CREATOR, postId, "revise");
        assertThat(reviseStage.path("assignee").asText()).isEqualTo(CREATOR);
        String reviseId = reviseStage.path("taskId").asText();
        assertThat(task(CREATOR, reviseId).path("form").asText()).isEqualTo("revise-post");

        JsonNode edited = http.put(CREATOR, "/api/posts/" + postId, postBody(title, revisedText)).expect(200).json();
        assertThat(edited.path("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(edited.path("variants").get(0).path("text").asText()).isEqualTo(revisedText);

        http.post(CREATOR, "/api/tasks/" + reviseId + "/complete", null).expect(204);
        JsonNode resubmitted = getPost(CREATOR, postId);
        assertThat(resubmitted.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(resubmitted.path("contentVersion").asInt()).isEqualTo(2);
        assertThat(resubmitted.path("processInstanceId").asText()).isEqualTo(instanceId);
        // the reviewer's inbox says what the resubmission changed
        assertThat(http.get(REVIEWER, "/inbox").expect(200).body()).contains("Version 2, changed: text on local");

        List<JsonNode> versions = list(http.get(CREATOR, "/api/posts/" + postId + "/versions").expect(200).json());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("content").asText()).contains(firstText);
        assertThat(versions.get(1).path("content").asText()).contains(revisedText);
        assertThat(versions.get(1).path("diffToPrevious").asText()).contains("-" + firstText).contains("+" + revisedText);

        // reviewer approves the second round
        String secondReviewId = stage(REVIEWER, postId, "review").path("taskId").asText();
        assertThat(secondReviewId).isNotEqualTo(reviewId);
        http.post(REVIEWER, "/api/tasks/" + secondReviewId + "/claim", null).expect(200);
        http.post(REVIEWER, "/api/tasks/" + secondReviewId + "/complete", Http.json(Map.of("decision", "approve")))
                .expect(204);
        JsonNode approved = getPost(CREATOR, postId);
        assertThat(approved.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(approved.path("approvedVersion").asInt()).isEqualTo(2);
        assertThat(approved.path("currentStages")).isEmpty();

        // no job executor: the engine waits until we run the due timer, then the publish job
        assertThat(feed().stream().map(e -> e.path("postId").asText())).doesNotContain(postId);
        assertThat(runDueJobs(instanceId)).as("timer + one publish job").isEqualTo(2);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();

        JsonNode entry = feedEntry(postId);
        assertThat(entry.path("text").asText()).isEqualTo(revisedText);
        assertThat(entry.path("title").asText()).isEqualTo(title);
        assertThat(entry.path("channel").asText()).isEqualTo("local");
        assertThat(entry.path("author").asText()).isEqualTo(CREATOR);

        JsonNode published = getPost(CREATOR, postId);
        assertThat(published.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.path("variants").get(0).path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.path("variants").get(0).path("externalId").asText()).isEqualTo("feed-" + entry.path("id").asText());

        // the timeline tells who did what
        List<JsonNode> timeline = list(http.get(CREATOR, "/api/posts/" + postId + "/timeline").expect(200).json());
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("submitted");
            assertThat(e.path("user").asText()).isEqualTo(CREATOR);
        });
        assertThat(timeline.stream().filter(e -> e.path("kind").asText().equals("claim")))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.path("user").asText()).isEqualTo(REVIEWER));
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("decision");
            assertThat(e.path("user").asText()).isEqualTo(REVIEWER);
            assertThat(e.path("text").asText()).contains("Changes requested: Please mention the prices");
        });
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("decision");
            assertThat(e.path("user").asText()).isEqualTo(REVIEWER);
            assertThat(e.path("text").asText()).contains("Approved");
        });
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("task-completed");
            assertThat(e.path("user").asText()).isEqualTo(CREATOR);
            assertThat(e.path("text").asText()).contains("Revise post");
        });

        // the author was told about the requested changes
        JsonNode inbox = http.get(CREATOR, "/api/notifications").expect(200).json();
        assertThat(inbox.path("unread").asLong()).isPositive();
        assertThat(list(inbox.path("items"))).anySatisfy(n -> {
            assertThat(n.path("postId").asText()).isEqualTo(postId);
            assertThat(n.path("message").asText()).contains(title).contains("Please mention the prices");
        });
        // ... that it was approved, and once it went out, that it is published (exactly one such notice)
        assertThat(list(inbox.path("items")).stream().filter(n -> postId.equals(n.path("postId").asText()))
                .map(n -> n.path("message").asText()))
                .anySatisfy(m -> assertThat(m).startsWith("Approved: \"" + title))
                .filteredOn(m -> m.startsWith("Published: \"" + title + "\" is out on local"))
                .hasSize(1);
        // and nobody else got that message
        assertThat(list(http.get(CREATOR2, "/api/notifications").expect(200).json().path("items")))
                .noneSatisfy(n -> assertThat(n.path("postId").asText()).isEqualTo(postId));
    }

    @Test
    void channelsListTheLocalChannelWithItsLimit() {
        List<JsonNode> channels = list(http.get(CREATOR, "/api/channels").expect(200).json());
        assertThat(channels).anySatisfy(c -> {
            assertThat(c.path("key").asText()).isEqualTo("local");
            assertThat(c.path("network").asText()).isEqualTo("LOCAL");
            assertThat(c.path("limits").path("maxLength").asInt()).isEqualTo(5000);
        });
    }

    @Test
    void aReviewerCanGiveAClaimedTaskBack() {
        JsonNode post = submittedPost(CREATOR, unique("Unclaim"), "Give it back");
        String taskId = post.path("currentStages").get(0).path("taskId").asText();
        http.post(REVIEWER, "/api/tasks/" + taskId + "/claim", null).expect(200);
        // only the assignee or a manager may give it back
        http.post(CREATOR, "/api/tasks/" + taskId + "/unclaim", null).expectProblem(404);
        JsonNode back = http.post(REVIEWER, "/api/tasks/" + taskId + "/unclaim", null).expect(200).json();
        assertThat(back.path("assignee").isNull()).isTrue();
        assertThat(back.path("mine").asBoolean()).isFalse();
        assertThat(openTask(post.path("id").asText(), "review").getAssignee()).isNull();
        // giving back a task nobody holds changes nothing
        http.post(REVIEWER, "/api/tasks/" + taskId + "/unclaim", null).expect(200);
        // a manager may take it from someone else
        http.post(REVIEWER, "/api/tasks/" + taskId + "/claim", null).expect(200);
        http.post(MANAGER, "/api/tasks/" + taskId + "/unclaim", null).expect(200);
        assertThat(openTask(post.path("id").asText(), "review").getAssignee()).isNull();
    }

    /** The task as GET /api/tasks lists it for this user. */
    private JsonNode task(String user, String taskId) {
        List<JsonNode> mine = list(http.get(user, "/api/tasks?postId=" + postOf(taskId) + "&max=500").expect(200).json()).stream()
                .filter(t -> taskId.equals(t.path("id").asText())).toList();
        assertThat(mine).as("%s's tasks contain %s", user, taskId).hasSize(1);
        return mine.get(0);
    }

    private String postOf(String taskId) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        assertThat(task).as("open task %s", taskId).isNotNull();
        return runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult()
                .getBusinessKey();
    }

    // ---------------------------------------------------------------- paging (5,000 open tasks must not cost 37 s)

    @Test
    void theTaskListIsPagedEarliestDueFirstWithItsTotal() {
        String marker = unique("Paged");
        List<String> posts = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            posts.add(submittedPost(CREATOR, marker + " " + i, "Text " + i).path("id").asText());
        }
        Http.Response all = http.get(REVIEWER, "/api/tasks?max=500").expect(200);
        long total = Long.parseLong(all.headers().getFirst("X-Total-Count"));
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(list(all.json())).hasSize((int) Math.min(total, 500));

        List<JsonNode> first = list(http.get(REVIEWER, "/api/tasks?first=0&max=2").expect(200).json());
        List<JsonNode> second = list(http.get(REVIEWER, "/api/tasks?first=2&max=2").expect(200).json());
        assertThat(first).hasSize(2);
        assertThat(second).hasSizeBetween(1, 2);
        assertThat(second.get(0).path("id").asText()).isNotIn(first.stream().map(t -> t.path("id").asText()).toList());
        // earliest due first, across pages
        List<Long> dues = java.util.stream.Stream.concat(first.stream(), second.stream())
                .map(t -> t.path("due").asText()).filter(d -> !d.isBlank() && !"null".equals(d))
                .map(d -> java.time.OffsetDateTime.parse(d).toInstant().toEpochMilli()).toList();
        assertThat(dues).isSorted();

        // one post's tasks
        List<JsonNode> ofPost = list(http.get(REVIEWER, "/api/tasks?postId=" + posts.get(1)).expect(200).json());
        assertThat(ofPost).hasSize(1);
        assertThat(ofPost.get(0).path("title").asText()).isEqualTo(marker + " 1");
        assertThat(ofPost.get(0).path("author").asText()).isEqualTo(CREATOR);

        // a creator is offered no reviews, and bad paging is a clear 400
        assertThat(list(http.get(CREATOR, "/api/tasks?postId=" + posts.get(1)).expect(200).json())).isEmpty();
        http.get(REVIEWER, "/api/tasks?max=0").expectProblem(400);
        http.get(REVIEWER, "/api/tasks?max=501").expectProblem(400);
        http.get(REVIEWER, "/api/tasks?first=-1").expectProblem(400);
    }
}
