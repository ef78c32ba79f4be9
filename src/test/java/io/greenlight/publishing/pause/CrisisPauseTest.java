package io.greenlight.publishing.pause;

import io.greenlight.publishing.PublishingTestSupport;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crisis pause at the process level: 100 scheduled posts are held where they wait, posts approved during the
 * pause and publish jobs already queued are held too, nothing publishes, and resuming sends the pre-pause approvals
 * back to review (or lets them go out as scheduled). Managers only; audited; shown on every page.
 */
class CrisisPauseTest extends PublishingTestSupport {

    @Test
    void pausingHolds100ScheduledPostsAndResumingSendsPrePauseApprovalsBackToReview() {
        OffsetDateTime tomorrow = now.toInstant().atOffset(ZoneOffset.UTC).plusDays(1);
        List<Post> scheduled = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Post post = newPost(tomorrow, new VariantContent("local", "Scheduled post " + i, null));
            scheduled.add(post);
            instances.add(submitAndApprove(post));
        }
        assertThat(scheduled).allMatch(p -> reload(p).getStatus() == PostStatus.SCHEDULED);
        // approved before the pause, its publish job is already queued
        Post queued = newPost(null, new VariantContent("local", "Queued before the pause", null));
        String queuedInstance = submitAndApprove(queued);
        Job timer = managementService.createJobQuery().processInstanceId(queuedInstance).timers().singleResult();
        managementService.executeJob(timer.getId());
        assertThat(managementService.createJobQuery().processInstanceId(queuedInstance).executable().count()).isEqualTo(1);

        clockAt(plus(Duration.ofMinutes(1)));
        assertThat(call("creator", "POST", "/api/publishing/pause", Map.of("reason", "Not me")).status()).isEqualTo(403);
        assertThat(call("manager", "POST", "/api/publishing/pause", Map.of()).status()).isEqualTo(400);
        Reply paused = call("manager", "POST", "/api/publishing/pause", Map.of("reason", "Storm damage in the region"));
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        assertThat(paused.json().path("held").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(call("manager", "POST", "/api/publishing/pause", Map.of("reason", "again")).status()).isEqualTo(409);

        assertThat(instances).allMatch(this::held);
        // the queued publish job runs during the pause: it is held, nothing goes out
        runDueJobs(queuedInstance);
        assertThat(held(queuedInstance)).isTrue();
        assertThat(feed.countByPostId(queued.getId())).isZero();

        // approved during the pause, due at once: held as well
        clockAt(plus(Duration.ofMinutes(1)));
        Post during = newPost(null, new VariantContent("local", "Approved during the pause", null));
        String duringInstance = submitAndApprove(during);
        runDueJobs(duringInstance);
        assertThat(held(duringInstance)).isTrue();
        assertThat(feed.countByPostId(during.getId())).isZero();

        // even the scheduled time passing publishes nothing
        clockAt(plus(Duration.ofDays(2)));
        for (String instance : instances.subList(0, 5)) {
            assertThat(runDueJobs(instance)).isEmpty();
        }
        assertThat(scheduled).allMatch(p -> feed.countByPostId(p.getId()) == 0);

        // every page shows the pause
        Reply page = call("creator", "GET", "/posts", null);
        assertThat(page.body()).contains("Publishing is paused").contains("Storm damage in the region");

        Reply resumed = call("manager", "POST", "/api/publishing/resume", Map.of("mode", "review"));
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().path("backToReview").asInt()).isGreaterThanOrEqualTo(101);
        assertThat(resumed.json().path("publishing").asInt()).isGreaterThanOrEqualTo(1);

        for (int i = 0; i < scheduled.size(); i++) {
            assertThat(reload(scheduled.get(i)).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
            assertThat(taskService.createTaskQuery().processInstanceId(instances.get(i)).taskDefinitionKey("review").count())
                    .as("post %d is back in review", i).isEqualTo(1);
        }
        assertThat(reload(queued).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        // approved during the pause: publishes now
        runDueJobs(duringInstance);
        assertThat(feed.countByPostId(during.getId())).isEqualTo(1);
        assertThat(reload(during).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(call("creator", "GET", "/posts", null).body()).doesNotContain("Publishing is paused");

        Reply audit = call("manager", "GET", "/api/publishing/audit", null);
        assertThat(audit.json().get(0).path("action").asText()).isEqualTo("RESUME");
        assertThat(audit.json().get(0).path("actor").asText()).isEqualTo("manager");
        assertThat(audit.json().get(1).path("action").asText()).isEqualTo("PAUSE");
        assertThat(audit.json().get(1).path("detail").asText()).isEqualTo("Storm damage in the region");
        assertThat(call("creator", "GET", "/api/publishing/audit", null).status()).isEqualTo(403);
    }

    @Test
    void resumingAsScheduledLetsHeldPostsPublishAtTheirTime() {
        OffsetDateTime inAnHour = now.toInstant().atOffset(ZoneOffset.UTC).plusHours(1);
        Post post = newPost(inAnHour, new VariantContent("local", "Goes out as planned", null));
        String instance = submitAndApprove(post);
        pause.pause(MANAGER, "Checking the news");
        assertThat(held(instance)).isTrue();

        Reply resumed = call("manager", "POST", "/api/publishing/resume", Map.of("mode", "as-scheduled"));
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(held(instance)).isFalse();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(feed.countByPostId(post.getId())).as("not before its time").isZero();

        clockAt(plus(Duration.ofMinutes(61)));
        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(feed.countByPostId(post.getId())).isEqualTo(1);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
    }

    @Test
    void resumeNeedsAPauseAndAKnownMode() {
        assertThat(call("manager", "POST", "/api/publishing/resume", Map.of("mode", "review")).status()).isEqualTo(409);
        pause.pause(MANAGER, "Short test pause");
        assertThat(call("manager", "POST", "/api/publishing/resume", Map.of("mode", "sometime")).status()).isEqualTo(400);
        assertThat(call("reviewer", "POST", "/api/publishing/resume", Map.of("mode", "review")).status()).isEqualTo(403);
        assertThat(call("reviewer", "GET", "/api/publishing/pause", null).json().path("paused").asBoolean()).isTrue();
        assertThat(call("manager", "GET", "/publishing", null).body()).contains("Short test pause").contains("Resume publishing");
        assertThat(call("reviewer", "GET", "/publishing", null).body()).contains("Short test pause").doesNotContain("Resume publishing");
    }
}
