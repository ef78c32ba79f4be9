package io.greenlight.publishing;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An approved post with a scheduled time waits for it: the timer is due exactly then, not earlier. */
class ScheduledPublishTest extends ApiTestSupport {

    @Test
    void anApprovedPostPublishesAtItsScheduledTime() {
        OffsetDateTime publishAt = OffsetDateTime.now(ZoneOffset.ofHours(2)).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        String title = unique("Tomorrow");
        String text = "Published tomorrow " + title;
        String body = postBody(title, text, Map.of("scheduledAt", publishAt.toString(), "timeZone", "Europe/Berlin"));

        JsonNode draft = createPost(CREATOR, body);
        String postId = draft.path("id").asText();
        assertThat(OffsetDateTime.parse(draft.path("scheduledAt").asText()).toInstant()).isEqualTo(publishAt.toInstant());
        assertThat(draft.path("timeZone").asText()).isEqualTo("Europe/Berlin");

        JsonNode submitted = submit(CREATOR, postId);
        String instanceId = submitted.path("processInstanceId").asText();
        String taskId = submitted.path("currentStages").get(0).path("taskId").asText();
        // the review form shows the time in the post's zone
        assertThat(runtime.getVariable(instanceId, "scheduledAtText")).isEqualTo(
                publishAt.atZoneSameInstant(java.time.ZoneId.of("Europe/Berlin"))
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " (Europe/Berlin)");

        http.post(REVIEWER, "/api/tasks/" + taskId + "/claim", null).expect(200);
        http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", Http.json(Map.of("decision", "approve", "comment", "Good to go")))
                .expect(204);
        assertThat(status(postId)).isEqualTo("SCHEDULED");

        // one timer, due at the scheduled instant
        List<Job> jobs = management.createJobQuery().processInstanceId(instanceId).list();
        assertThat(jobs).hasSize(1);
        Job timer = jobs.get(0);
        assertThat(management.createJobQuery().jobId(timer.getId()).timers().count()).isOne();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(publishAt.toInstant()));

        // not due yet: nothing runs, nothing is published
        assertThat(runDueJobs(instanceId)).isZero();
        assertThat(status(postId)).isEqualTo("SCHEDULED");
        assertThat(feed().stream().map(e -> e.path("postId").asText())).doesNotContain(postId);

        // a minute before: still waiting
        ClockUtil.setCurrentTime(Date.from(publishAt.minusMinutes(1).toInstant()));
        assertThat(runDueJobs(instanceId)).isZero();
        assertThat(status(postId)).isEqualTo("SCHEDULED");

        // the scheduled time has come
        Instant later = publishAt.plusMinutes(1).toInstant();
        ClockUtil.setCurrentTime(Date.from(later));
        assertThat(runDueJobs(instanceId)).as("timer + one publish job").isEqualTo(2);
        assertThat(status(postId)).isEqualTo("PUBLISHED");
        JsonNode entry = feedEntry(postId);
        assertThat(entry.path("text").asText()).isEqualTo(text);
        assertThat(OffsetDateTime.parse(entry.path("publishedAt").asText()).toInstant())
                .isAfterOrEqualTo(publishAt.toInstant()).isBeforeOrEqualTo(later);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
    }

    @Test
    void aScheduledTimeInThePastPublishesRightAfterApproval() {
        // within the late-approval grace (15 min); later approvals go to managers (LateApprovalProcessTest)
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        String title = unique("Yesterday's news");
        JsonNode draft = createPost(CREATOR, postBody(title, "Late but fine", Map.of("scheduledAt", past.toString())));
        JsonNode submitted = submit(CREATOR, draft.path("id").asText());
        String taskId = submitted.path("currentStages").get(0).path("taskId").asText();
        http.post(REVIEWER, "/api/tasks/" + taskId + "/complete", Http.json(Map.of("decision", "approve"))).expect(204);

        Job timer = management.createJobQuery().processInstanceId(submitted.path("processInstanceId").asText()).singleResult();
        assertThat(timer.getDuedate()).isAfter(Date.from(past.toInstant()));
        assertThat(runDueJobs(submitted.path("processInstanceId").asText())).isEqualTo(2);
        assertThat(status(draft.path("id").asText())).isEqualTo("PUBLISHED");
    }
}
