package io.greenlight.comment;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Threaded comments with @mentions, notification settings and absences through /api. */
class CommentsAndSettingsApiTest extends ApiTestSupport {

    @Test
    void commentsAreThreadedMentionsNotifyAndTheReviewSeesTheDiscussion() {
        // the bell lists the newest first; tests before this one may have left notices at later engine times
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2090-01-01T09:00:00Z")));
        JsonNode post = submittedPost(CREATOR, unique("Discussed"), "Is the price right?");
        String id = post.path("id").asText();

        JsonNode first = http.post(CREATOR, "/api/posts/" + id + "/comments",
                Http.json(Map.of("body", "@reviewer can you check the price before Friday?"))).expect(201).json();
        http.post(REVIEWER, "/api/posts/" + id + "/comments",
                Http.json(Map.of("body", "Looks fine, @creator. @nobody-here is not a user.", "parentId", first.path("id").asLong())))
                .expect(201);

        JsonNode threads = http.get(MANAGER, "/api/posts/" + id + "/comments").expect(200).json();
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0).path("comment").path("author").asText()).isEqualTo(CREATOR);
        assertThat(threads.get(0).path("replies")).hasSize(1);
        assertThat(threads.get(0).path("replies").get(0).path("parentId").asLong()).isEqualTo(first.path("id").asLong());

        // the mentioned reviewer hears about it, the author of a reply does not notify themselves
        JsonNode bell = http.get(REVIEWER, "/api/notifications").expect(200).json();
        assertThat(list(bell.path("items"))).anySatisfy(n -> assertThat(n.path("message").asText())
                .startsWith("creator mentioned you on \"").contains("can you check the price"));
        assertThat(list(http.get(CREATOR, "/api/notifications").expect(200).json().path("items")))
                .anySatisfy(n -> assertThat(n.path("message").asText()).startsWith("reviewer mentioned you on \""));

        // the running review sees the discussion (the review-post form shows it)
        String instanceId = post.path("processInstanceId").asText();
        assertThat((String) runtime.getVariable(instanceId, "discussion"))
                .contains("creator: @reviewer can you check the price", "↳ reviewer: Looks fine");

        // and the timeline has them
        assertThat(list(http.get(CREATOR, "/api/posts/" + id + "/timeline").expect(200).json()))
                .anySatisfy(e -> assertThat(e.path("text").asText()).startsWith("Replied: Looks fine"));
    }

    @Test
    void badCommentsAreRefusedWithAReason() {
        JsonNode post = createPost(CREATOR, unique("Quiet"), "Nothing to say");
        String id = post.path("id").asText();
        http.post(CREATOR, "/api/posts/" + id + "/comments", Http.json(Map.of("body", "  "))).expectProblem(400);
        http.post(CREATOR, "/api/posts/" + id + "/comments", Http.json(Map.of("body", "x".repeat(4001)))).expectProblem(400);
        http.post(CREATOR, "/api/posts/" + id + "/comments", Http.json(Map.of("body", "hi", "parentId", 999999999))).expectProblem(400);
        http.post(CREATOR, "/api/posts/no-such-post/comments", Http.json(Map.of("body", "hi"))).expectProblem(404);
        http.get(CREATOR, "/api/posts/no-such-post/comments").expectProblem(404);
        assertThat(http.get(CREATOR, "/api/posts/" + id + "/comments").expect(200).json()).isEmpty();
    }

    @Test
    void everyoneChoosesTheirNotificationsAndTimeZone() {
        JsonNode before = http.get(CREATOR2, "/api/me/settings").expect(200).json();
        assertThat(before.path("preferences").path("reminder").path("email").asBoolean()).isTrue();

        JsonNode after = http.put(CREATOR2, "/api/me/settings", Http.json(Map.of("timeZone", "Europe/Berlin",
                "preferences", Map.of("reminder", Map.of("email", false), "approved", Map.of("email", true))))).expect(200).json();
        assertThat(after.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(after.path("preferences").path("reminder").path("email").asBoolean()).isFalse();
        assertThat(after.path("preferences").path("approved").path("email").asBoolean()).isTrue();

        http.put(CREATOR2, "/api/me/settings", Http.json(Map.of("timeZone", "Mars/Olympus"))).expectProblem(400);
        http.put(CREATOR2, "/api/me/settings", Http.json(Map.of("preferences", Map.of("gossip", Map.of("email", true))))).expectProblem(400);
        http.put(CREATOR2, "/api/me/settings", Http.json(Map.of("preferences", Map.of("reminder", Map.of("pigeon", true))))).expectProblem(400);
        assertThat(http.get(CREATOR2, "/api/me/settings").expect(200).json().path("timeZone").asText()).isEqualTo("Europe/Berlin");
    }

    @Test
    void absencesNeedABackupAndOnlyTheUserOrAManagerSetsThem() {
        OffsetDateTime from = OffsetDateTime.parse("2032-07-01T09:00:00Z");
        Map<String, Object> absence = Map.of("backup", MANAGER, "from", from.toString(), "to", from.plusDays(7).toString(),
                "note", "Summer");
        http.post(CREATOR, "/api/users/" + CREATOR2 + "/absences", Http.json(absence)).expectProblem(403);
        JsonNode mine = http.post(CREATOR2, "/api/users/" + CREATOR2 + "/absences", Http.json(absence)).expect(201).json();
        assertThat(mine.path("backup").asText()).isEqualTo(MANAGER);
        http.post(MANAGER, "/api/users/" + CREATOR2 + "/absences", Http.json(Map.of("backup", CREATOR2,
                "from", from.toString(), "to", from.plusDays(1).toString()))).expectProblem(400);
        http.post(MANAGER, "/api/users/" + CREATOR2 + "/absences", Http.json(Map.of("backup", MANAGER,
                "from", from.toString(), "to", from.minusDays(1).toString()))).expectProblem(400);
        http.post(MANAGER, "/api/users/" + CREATOR2 + "/absences", Http.json(Map.of("backup", "ghost",
                "from", from.toString(), "to", from.plusDays(1).toString()))).expectProblem(400);
        http.post(MANAGER, "/api/users/ghost/absences", Http.json(absence)).expectProblem(404);
    }
}
