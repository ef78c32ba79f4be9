package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantStatus;
import io.greenlight.publishing.local.FeedEntry;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/** The happy path: submit → validate → review → approve → wait for the publish time → one publish job per channel. */
class ApproveAndPublishProcessTest extends ProcessTestSupport {

    static final String SECOND_LOCAL = "proc-local-2";

    @Test
    void approvedPostWithoutScheduleIsPublishedAtOnceOnEveryChannel() {
        channel(SECOND_LOCAL, "LOCAL", null);
        Post post = createPost(CREATOR, "Publish now", null,
                variant(LOCAL, "Out now on the local feed"), variant(SECOND_LOCAL, "Out now on the second feed"));
        ProcessInstance instance = submit(CREATOR, post);

        assertThat(instance).isWaitingAtExactly(REVIEW_SCOPE, REVIEW).hasPassed("Activity_ValidatePost")
                .variables().containsEntry("valid", true).containsEntry("author", "creator")
                .containsEntry("contentVersion", 1);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        Task review = openTask(instance, REVIEW);
        assertThat(review).hasCandidateGroup("reviewers").isNotAssigned();

        decide(REVIEWER, review, "approve", null);

        assertThat(instance).hasPassed(REVIEW, "Activity_ApprovePost").isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER)
                .hasNotPassed(PUBLISH_TASK);
        Post approved = reload(post);
        assertThat(approved.getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(approved.getApprovedVersion()).isEqualTo(1);
        Job timer = job(instance, PUBLISH_TIMER);
        assertThat(timer).hasDueDate(now);
        assertThat(executableJobs(instance)).as("due now").isEqualTo(1);

        managementService.executeJob(timer.getId());

        assertThat(instance).hasPassed(PUBLISH_TIMER).isWaitingAt(PUBLISH_TASK);
        List<Job> publishJobs = jobs(instance, PUBLISH_TASK);
        assertThat(publishJobs).as("one async job per channel").hasSize(2);
        assertThat(publishJobs.stream().map(this::channelOf).sorted().toList()).isEqualTo(sorted(LOCAL, SECOND_LOCAL));
        assertThat(feedEntryRepository.countByPostId(post.getId())).as("nothing published before the jobs run").isZero();

        managementService.executeJob(publishJobs.get(0).getId());
        assertThat(reload(post).getStatus()).as("one of two channels done").isEqualTo(PostStatus.PUBLISHING);
        assertThat(instance).isWaitingAt(PUBLISH_TASK);

        managementService.executeJob(publishJobs.get(1).getId());

        assertThat(instance).hasPassed(PUBLISH_TASK, "Event_PostPublished").isEnded();
        Post published = reload(post);
        assertThat(published.getStatus()).isEqualTo(PostStatus.PUBLISHED);
        for (PostVariant v : published.getVariants()) {
            assertThat(v.getStatus()).as(v.getChannel()).isEqualTo(VariantStatus.PUBLISHED);
            FeedEntry entry = feedEntryRepository.findByPostIdAndChannel(post.getId(), v.getChannel()).orElseThrow();
            assertThat(v.getExternalId()).isEqualTo("feed-" + entry.getId());
            assertThat(v.getExternalUrl()).endsWith("/feed#entry-" + entry.getId());
            assertThat(v.getPublishedAt().toInstant()).isEqualTo(now.toInstant());
            assertThat(entry.getText()).isEqualTo(v.getText());
        }
        assertThat(feedEntryRepository.countByPostId(post.getId())).isEqualTo(2);
    }

    @Test
    void postWhoseScheduledTimeHasJustPassedIsPublishedAtOnce() {
        // within the late-approval grace (15 min); later approvals go to managers (LateApprovalProcessTest)
        OffsetDateTime past = nowUtc().minusMinutes(10);
        Post post = createPost(CREATOR, "Late", past);
        ProcessInstance instance = submit(CREATOR, post);

        // completed without a signed-in user (a system call): the rules still apply, nobody is the author
        complete(openTask(instance, REVIEW), withVariables("decision", "approve"));

        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(runtimeService.getVariable(instance.getId(), "publishAt")).isEqualTo(now);
        Job timer = job(instance, PUBLISH_TIMER);
        assertThat(timer).hasDueDate(now);

        managementService.executeJob(timer.getId());
        Job publish = job(instance, PUBLISH_TASK);
        assertThat(channelOf(publish)).isEqualTo(LOCAL);
        managementService.executeJob(publish.getId());

        assertThat(instance).hasPassed("Event_PostPublished").isEnded();
        Post published = reload(post);
        assertThat(published.getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(published.variant(LOCAL).orElseThrow().getExternalId()).startsWith("feed-");
        assertThat(feedEntryRepository.countByPostId(post.getId())).isEqualTo(1);
    }

    @Test
    void scheduledPostWaitsForItsTimeAndThenPublishes() {
        OffsetDateTime scheduledAt = nowUtc().plusDays(3).plusHours(2);
        Date scheduled = Date.from(scheduledAt.toInstant());
        Post post = createPost(CREATOR, "Later", scheduledAt);
        ProcessInstance instance = submit(CREATOR, post);

        decide(MANAGER, openTask(instance, REVIEW), "approve", "Looks good");

        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(runtimeService.getVariable(instance.getId(), "publishAt")).isEqualTo(scheduled);
        assertThat(instance).as("the waiting post keeps what publishing, its forms and Tasklist read")
                .variables().containsKeys("postId", "title", "author", "scheduledAtText", "contentVersion", "channels")
                .as("and not what only the review read").doesNotContainKeys("content", "valid", "feedback", "campaign",
                        "campaignType", "region", "regions", "paidPromotion", "priceHealthClaims", "crisis",
                        "authorGroups", "stages");
        Job timer = job(instance, PUBLISH_TIMER);
        assertThat(timer).hasDueDate(scheduled);
        assertThat(executableJobs(instance)).as("not due before the scheduled time").isZero();

        clockAt(plus(scheduled, Duration.ofMinutes(-1)));
        assertThat(executableJobs(instance)).as("a minute early").isZero();

        clockAt(plus(scheduled, Duration.ofSeconds(1)));
        assertThat(executableJobs(instance)).isEqualTo(1);
        managementService.executeJob(timer.getId());

        assertThat(instance).isWaitingAt(PUBLISH_TASK);
        assertThat(reload(post).getStatus()).as("approved, not yet out").isEqualTo(PostStatus.SCHEDULED);
        Job publish = job(instance, PUBLISH_TASK);
        managementService.executeJob(publish.getId());

        assertThat(instance).hasPassed(PUBLISH_TIMER, PUBLISH_TASK, "Event_PostPublished").isEnded();
        Post published = reload(post);
        assertThat(published.getStatus()).isEqualTo(PostStatus.PUBLISHED);
        PostVariant local = published.variant(LOCAL).orElseThrow();
        assertThat(local.getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(local.getPublishedAt().toInstant()).isEqualTo(scheduled.toInstant().plusSeconds(1));
        assertThat(feedEntryRepository.countByPostId(post.getId())).isEqualTo(1);
    }
}
