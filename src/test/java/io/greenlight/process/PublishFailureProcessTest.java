package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantStatus;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * A network that is down: its publish job retries with the diagram's back-off (PT30S, PT2M, PT10M) and then
 * raises an incident, while the other channel of the same post is published exactly once.
 * The always-failing connector for network {@code FAILING} is {@link ProcessTestSupport.FailingPublisher}.
 */
class PublishFailureProcessTest extends ProcessTestSupport {

    static final String FAILING_CHANNEL = "proc-failing";

    @Test
    void aFailingChannelRetriesThenRaisesAnIncidentWithoutRepublishingTheOthers() {
        failingNetwork();
        channel(FAILING_CHANNEL, FAILING_NETWORK, null);
        Post post = createPost(CREATOR, "Half out", null,
                variant(LOCAL, "This one goes out"), variant(FAILING_CHANNEL, "This one cannot"));
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        managementService.executeJob(job(instance, PUBLISH_TIMER).getId());

        List<Job> publishJobs = jobs(instance, PUBLISH_TASK);
        assertThat(publishJobs).hasSize(2);
        Job localJob = publishJobs.stream().filter(j -> LOCAL.equals(channelOf(j))).findFirst().orElseThrow();
        Job failingJob = publishJobs.stream().filter(j -> FAILING_CHANNEL.equals(channelOf(j))).findFirst().orElseThrow();

        managementService.executeJob(localJob.getId());
        assertThat(reload(post).variant(LOCAL).orElseThrow().getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHING);

        // attempt 1 fails: 3 retries left, the next one after 30 s
        attempt(failingJob);
        assertThat(job(instance, PUBLISH_TASK)).hasRetries(3).hasExceptionMessage()
                .hasDueDate(plus(now, Duration.ofSeconds(30)));
        assertThat(executableJobs(instance)).as("backing off").isZero();
        Post afterFirst = reload(post);
        assertThat(afterFirst.getStatus()).isEqualTo(PostStatus.PUBLISHING);
        assertThat(afterFirst.variant(FAILING_CHANNEL).orElseThrow().getStatus()).isEqualTo(VariantStatus.PENDING);
        assertThat(afterFirst.variant(FAILING_CHANNEL).orElseThrow().getLastError()).contains("FAILING network is down");

        // attempt 2, 31 s later: 2 left, next after 2 min
        clockAt(plus(now, Duration.ofSeconds(31)));
        assertThat(executableJobs(instance)).isEqualTo(1);
        attempt(failingJob);
        assertThat(job(instance, PUBLISH_TASK)).hasRetries(2).hasDueDate(plus(now, Duration.ofSeconds(31 + 120)));

        // attempt 3: 1 left, next after 10 min
        clockAt(plus(now, Duration.ofSeconds(31 + 121)));
        assertThat(executableJobs(instance)).isEqualTo(1);
        attempt(failingJob);
        assertThat(job(instance, PUBLISH_TASK)).hasRetries(1).hasDueDate(plus(now, Duration.ofSeconds(31 + 121 + 600)));
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHING);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();

        // attempt 4 is the last: incident, variant and post FAILED
        clockAt(plus(now, Duration.ofSeconds(31 + 121 + 601)));
        assertThat(executableJobs(instance)).isEqualTo(1);
        attempt(failingJob);
        assertThat(job(instance, PUBLISH_TASK)).hasRetries(0).hasExceptionMessage();
        assertThat(executableJobs(instance)).isZero();

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getConfiguration()).isEqualTo(failingJob.getId());
        assertThat(incident.getActivityId()).isEqualTo(PUBLISH_TASK);
        assertThat(incident.getIncidentMessage()).contains("FAILING network is down");

        assertThat(failingPublisher.attempts(post)).as("1 try + 3 retries").isEqualTo(4);
        assertThat(instance).isNotEnded().isWaitingAt(PUBLISH_TASK).hasNotPassed("Event_PostPublished");
        Post failed = reload(post);
        assertThat(failed.getStatus()).isEqualTo(PostStatus.FAILED);
        PostVariant failedVariant = failed.variant(FAILING_CHANNEL).orElseThrow();
        assertThat(failedVariant.getStatus()).isEqualTo(VariantStatus.FAILED);
        assertThat(failedVariant.getLastError()).contains("FAILING network is down");
        assertThat(failedVariant.getExternalId()).isNull();
        PostVariant local = failed.variant(LOCAL).orElseThrow();
        assertThat(local.getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(local.getPublishedAt().toInstant()).as("published once, at the start").isEqualTo(now.toInstant());
        assertThat(feedEntryRepository.countByPostId(post.getId())).as("the local feed got it exactly once").isEqualTo(1);
        assertThat(feedEntryRepository.findByPostIdAndChannel(post.getId(), LOCAL).orElseThrow().getId())
                .isEqualTo(Long.valueOf(local.getExternalId().substring("feed-".length())));
    }

    @Test
    void aChannelThatFailedForGoodKeepsThePostFailedWhateverPublishesAfterIt() {
        failingNetwork();
        channel(FAILING_CHANNEL, FAILING_NETWORK, null);
        Post post = createPost(CREATOR, "Failed first", null,
                variant(LOCAL, "Goes out last"), variant(FAILING_CHANNEL, "Fails first"));
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        managementService.executeJob(job(instance, PUBLISH_TIMER).getId());
        List<Job> publishJobs = jobs(instance, PUBLISH_TASK);
        Job localJob = publishJobs.stream().filter(j -> LOCAL.equals(channelOf(j))).findFirst().orElseThrow();
        Job failingJob = publishJobs.stream().filter(j -> FAILING_CHANNEL.equals(channelOf(j))).findFirst().orElseThrow();

        exhaust(instance, failingJob);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.FAILED);

        // the other channel's job runs only now (e.g. its network was slow): the post stays FAILED
        managementService.executeJob(localJob.getId());

        Post after = reload(post);
        assertThat(after.variant(LOCAL).orElseThrow().getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(after.variant(FAILING_CHANNEL).orElseThrow().getStatus()).isEqualTo(VariantStatus.FAILED);
        assertThat(after.getStatus()).as("a channel failed for good").isEqualTo(PostStatus.FAILED);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
        assertThat(instance).isWaitingAt(PUBLISH_TASK);
    }

    @Test
    void retryingTheIncidentAfterTheNetworkIsBackFinishesThePublication() {
        failingNetwork();
        channel(FAILING_CHANNEL, FAILING_NETWORK, null);
        Post post = createPost(CREATOR, "Second chance", null,
                variant(LOCAL, "Out at once"), variant(FAILING_CHANNEL, "Out after the incident"));
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        managementService.executeJob(job(instance, PUBLISH_TIMER).getId());
        List<Job> publishJobs = jobs(instance, PUBLISH_TASK);
        Job localJob = publishJobs.stream().filter(j -> LOCAL.equals(channelOf(j))).findFirst().orElseThrow();
        Job failingJob = publishJobs.stream().filter(j -> FAILING_CHANNEL.equals(channelOf(j))).findFirst().orElseThrow();
        managementService.executeJob(localJob.getId());
        exhaust(instance, failingJob);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.FAILED);

        // an operator fixes the connection and retries the job in Cockpit
        failingPublisher.recover(post);
        managementService.setJobRetries(failingJob.getId(), 1);
        managementService.executeJob(failingJob.getId());

        assertThat(instance).hasPassed("Event_PostPublished").isEnded();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        Post published = reload(post);
        assertThat(published.getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(published.variant(FAILING_CHANNEL).orElseThrow().getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(published.variant(FAILING_CHANNEL).orElseThrow().getExternalId()).isEqualTo("failing-" + post.getId());
        assertThat(published.variant(FAILING_CHANNEL).orElseThrow().getLastError()).isNull();
        assertThat(failingPublisher.attempts(post)).isEqualTo(5);
        assertThat(feedEntryRepository.countByPostId(post.getId())).as("the local channel was not published again")
                .isEqualTo(1);
    }

    /** Runs a failing job through all its attempts, moving the clock past each back-off. */
    private void exhaust(ProcessInstance instance, Job failingJob) {
        for (int attempt = 1; attempt <= 4; attempt++) {
            Job current = managementService.createJobQuery().jobId(failingJob.getId()).singleResult();
            if (current.getDuedate() != null) {
                clockAt(plus(current.getDuedate(), Duration.ofSeconds(1)));
            }
            assertThat(managementService.createJobQuery().jobId(failingJob.getId()).executable().count())
                    .as("attempt %d is due", attempt).isEqualTo(1);
            attempt(failingJob);
        }
        assertThat(managementService.createJobQuery().jobId(failingJob.getId()).singleResult()).hasRetries(0);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
    }

    private void attempt(Job job) {
        assertThatThrownBy(() -> managementService.executeJob(job.getId()))
                .hasMessageContaining("FAILING network is down");
    }
}
