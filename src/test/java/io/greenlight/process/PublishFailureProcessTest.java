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
        HalfFailing run = approvedWithAFailingChannel("Half out", "This one goes out", "This one cannot");

        managementService.executeJob(run.localJob().getId());
        assertThat(reload(run.post()).variant(LOCAL).orElseThrow().getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(reload(run.post()).getStatus()).isEqualTo(PostStatus.PUBLISHING);

        // attempt 1 fails: 3 retries left, the next one after 30 s
        attempt(run.failingJob());
        assertThat(job(run.instance(), PUBLISH_TASK)).hasRetries(3).hasExceptionMessage()
                .hasDueDate(plus(now, Duration.ofSeconds(30)));
        assertThat(executableJobs(run.instance())).as("backing off").isZero();
        Post afterFirst = reload(run.post());
        assertThat(afterFirst.getStatus()).isEqualTo(PostStatus.PUBLISHING);
        assertThat(afterFirst.variant(FAILING_CHANNEL).orElseThrow().getStatus()).isEqualTo(VariantStatus.PENDING);
        assertThat(afterFirst.variant(FAILING_CHANNEL).orElseThrow().getLastError()).contains("FAILING network is down");

        // attempt 2, 31 s later: 2 left, next after 2 min
        clockAt(plus(now, Duration.ofSeconds(31)));
        assertThat(executableJobs(run.instance())).isEqualTo(1);
        attempt(run.failingJob());
        assertThat(job(run.instance(), PUBLISH_TASK)).hasRetries(2).hasDueDate(plus(now, Duration.ofSeconds(31 + 120)));

        // attempt 3: 1 left, next after 10 min
        clockAt(plus(now, Duration.ofSeconds(31 + 121)));
        assertThat(executableJobs(run.instance())).isEqualTo(1);
        attempt(run.failingJob());
        assertThat(job(run.instance(), PUBLISH_TASK)).hasRetries(1).hasDueDate(plus(now, Duration.ofSeconds(31 + 121 + 600)));
        assertThat(reload(run.post()).getStatus()).isEqualTo(PostStatus.PUBLISHING);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(run.instance().getId()).count()).isZero();

        // attempt 4 is the last: incident, variant and post FAILED
        clockAt(plus(now, Duration.ofSeconds(31 + 121 + 601)));
        assertThat(executableJobs(run.instance())).isEqualTo(1);
        attempt(run.failingJob());
        assertThat(job(run.instance(), PUBLISH_TASK)).hasRetries(0).hasExceptionMessage();
        assertThat(executableJobs(run.instance())).isZero();

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(run.instance().getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getConfiguration()).isEqualTo(run.failingJob().getId());
        assertThat(incident.getActivityId()).isEqualTo(PUBLISH_TASK);
        assertThat(incident.getIncidentMessage()).contains("FAILING network is down");

        assertThat(failingPublisher.attempts(run.post())).as("1 try + 3 retries").isEqualTo(4);
        assertThat(run.instance()).isNotEnded().isWaitingAt(PUBLISH_TASK).hasNotPassed("Event_PostPublished");
        Post failed = reload(run.post());
        assertThat(failed.getStatus()).isEqualTo(PostStatus.FAILED);
        PostVariant failedVariant = failed.variant(FAILING_CHANNEL).orElseThrow();
        assertThat(failedVariant.getStatus()).isEqualTo(VariantStatus.FAILED);
        assertThat(failedVariant.getLastError()).contains("FAILING network is down");
        assertThat(failedVariant.getExternalId()).isNull();
        PostVariant local = failed.variant(LOCAL).orElseThrow();
        assertThat(local.getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(local.getPublishedAt().toInstant()).as("published once, at the start").isEqualTo(now.toInstant());
        assertThat(feedEntryRepository.countByPostId(run.post().getId())).as("the local feed got it exactly once").isEqualTo(1);
        assertThat(feedEntryRepository.findByPostIdAndChannel(run.post().getId(), LOCAL).orElseThrow().getId())
                .isEqualTo(Long.valueOf(local.getExternalId().substring("feed-".length())));
    }

    @Test
    void aChannelThatFailedForGoodKeepsThePostFailedWhateverPublishesAfterIt() {
        HalfFailing run = approvedWithAFailingChannel("Failed first", "Goes out last", "Fails first");

        exhaust(run.instance(), run.failingJob());
        assertThat(reload(run.post()).getStatus()).isEqualTo(PostStatus.FAILED);

        // the other channel's job runs only now (e.g. its network was slow): the post stays FAILED
        managementService.executeJob(run.localJob().getId());

        Post after = reload(run.post());
        assertThat(after.variant(LOCAL).orElseThrow().getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(after.variant(FAILING_CHANNEL).orElseThrow().getStatus()).isEqualTo(VariantStatus.FAILED);
        assertThat(after.getStatus()).as("a channel failed for good").isEqualTo(PostStatus.FAILED);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(run.instance().getId()).count()).isEqualTo(1);
        assertThat(run.instance()).isWaitingAt(PUBLISH_TASK);
    }

    @Test
    void retryingTheIncidentAfterTheNetworkIsBackFinishesThePublication() {
        HalfFailing run = approvedWithAFailingChannel("Second chance", "Out at once", "Out after the incident");
        managementService.executeJob(run.localJob().getId());
        exhaust(run.instance(), run.failingJob());
        assertThat(reload(run.post()).getStatus()).isEqualTo(PostStatus.FAILED);

        // an operator fixes the connection and retries the job in Cockpit
        failingPublisher.recover(run.post());
        managementService.setJobRetries(run.failingJob().getId(), 1);
        managementService.executeJob(run.failingJob().getId());

        assertThat(run.instance()).hasPassed("Event_PostPublished").isEnded();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(run.instance().getId()).count()).isZero();
        Post published = reload(run.post());
        assertThat(published.getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(published.variant(FAILING_CHANNEL).orElseThrow().getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(published.variant(FAILING_CHANNEL).orElseThrow().getExternalId()).isEqualTo("failing-" + run.post().getId());
        assertThat(published.variant(FAILING_CHANNEL).orElseThrow().getLastError()).isNull();
        assertThat(failingPublisher.attempts(run.post())).isEqualTo(5);
        assertThat(feedEntryRepository.countByPostId(run.post().getId())).as("the local channel was not published again")
                .isEqualTo(1);
    }

    /** A post for the local channel and the failing one, approved and due: one publish job per channel. */
    private HalfFailing approvedWithAFailingChannel(String title, String localText, String failingText) {
        failingNetwork();
        channel(FAILING_CHANNEL, FAILING_NETWORK, null);
        Post post = createPost(CREATOR, title, null, variant(LOCAL, localText), variant(FAILING_CHANNEL, failingText));
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        managementService.executeJob(job(instance, PUBLISH_TIMER).getId());

        List<Job> publishJobs = jobs(instance, PUBLISH_TASK);
        assertThat(publishJobs).hasSize(2);
        return new HalfFailing(post, instance,
                publishJobs.stream().filter(j -> LOCAL.equals(channelOf(j))).findFirst().orElseThrow(),
                publishJobs.stream().filter(j -> FAILING_CHANNEL.equals(channelOf(j))).findFirst().orElseThrow());
    }

    private record HalfFailing(Post post, ProcessInstance instance, Job localJob, Job failingJob) {
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
