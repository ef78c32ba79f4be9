package io.greenlight.process;

import io.greenlight.post.Post;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new version arrives while posts wait in review, in revise and in the publish timer. The dry-run says
 * who can move (all waiting activities map by id) and why the others cannot; migrating moves them, timers keep their
 * due dates, and the rest finish on the old version. The changed version is deployed under its own deployment name
 * and deleted afterwards, so the repository's version serves the other tests again.
 */
class OwnerMigrationProcessTest extends ProcessTestSupport {

    static final String DEPLOYMENT = "owner-migration-test";

    @Autowired ProcessMigration migration;

    @AfterEach
    void removeVersion() {
        deleteDeployments(DEPLOYMENT);
    }

    /** The repository's diagram with the revision task's id renamed (so posts in revise cannot map) and a new review name. */
    ProcessDefinition deployChangedVersion() throws IOException {
        String bpmn = Files.readString(Path.of("processes/post-approval.bpmn"));
        String changed = bpmn.replace("id=\"revise\"", "id=\"revise-author\"")
                .replace("targetRef=\"revise\"", "targetRef=\"revise-author\"")
                .replace("sourceRef=\"revise\"", "sourceRef=\"revise-author\"")
                .replace("bpmnElement=\"revise\"", "bpmnElement=\"revise-author\"")
                .replace("name=\"Review post\"", "name=\"Review the post\"");
        assertThat(changed).isNotEqualTo(bpmn).doesNotContain("\"revise\"");
        Deployment d = repositoryService.createDeployment().name(DEPLOYMENT).source("test")
                .addString("processes/post-approval.bpmn", changed).deploy();
        return repositoryService.createProcessDefinitionQuery().deploymentId(d.getId()).singleResult();
    }

    @Test
    void dryRunThenMigrateMovesReviewAndTimerPostsAndLeavesRevisePostsOnTheOldVersion() throws IOException {
        ProcessInstance inReview = submit(CREATOR, createPost(CREATOR, "Migrate review", null));

        ProcessInstance inRevise = submit(CREATOR, createPost(CREATOR, "Migrate revise", null));
        decide(REVIEWER, openTask(inRevise, REVIEW), "changes", "Shorter");
        assertThat(openTask(inRevise, REVISE)).isNotNull();

        Post scheduled = createPost(CREATOR, "Migrate timer", nowUtc().plusDays(2));
        ProcessInstance inTimer = submit(CREATOR, scheduled);
        decide(REVIEWER, openTask(inTimer, REVIEW), "approve", null);
        Job timer = job(inTimer, PUBLISH_TIMER);
        assertThat(timer).isNotNull();
        Date due = timer.getDuedate();
        assertThat(due).isEqualTo(plus(now, Duration.ofDays(2)));

        String oldVersion = inReview.getProcessDefinitionId();
        assertThat(inRevise.getProcessDefinitionId()).isEqualTo(oldVersion);
        assertThat(inTimer.getProcessDefinitionId()).isEqualTo(oldVersion);
        ProcessDefinition target = deployChangedVersion();

        ProcessMigration.DryRun dry = migration.dryRun(oldVersion, target.getId());
        assertThat(dry.planProblems()).isEmpty();
        Map<String, ProcessMigration.InstanceCheck> checks = dry.instances().stream()
                .collect(Collectors.toMap(ProcessMigration.InstanceCheck::processInstanceId, Function.identity()));
        assertThat(checks.get(inReview.getId()).canMove()).isTrue();
        assertThat(checks.get(inReview.getId()).waitingIn()).contains(REVIEW);
        assertThat(checks.get(inTimer.getId()).canMove()).isTrue();
        assertThat(checks.get(inTimer.getId()).waitingIn()).contains(PUBLISH_TIMER);
        assertThat(checks.get(inRevise.getId()).canMove()).isFalse();
        assertThat(checks.get(inRevise.getId()).reason()).contains("'revise'").contains("version " + target.getVersion());
        assertThat(dry.timersRecomputed()).as("no timer definition changed").isEmpty();
        // a dry-run changes nothing
        assertThat(definitionOf(inReview)).isEqualTo(oldVersion);

        ProcessMigration.Result result = migration.migrate(oldVersion, target.getId(),
                List.of(inReview.getId(), inRevise.getId(), inTimer.getId()));
        assertThat(result.moved()).containsExactlyInAnyOrder(inReview.getId(), inTimer.getId());
        assertThat(result.stayed()).extracting(ProcessMigration.InstanceCheck::processInstanceId).contains(inRevise.getId());

        assertThat(definitionOf(inReview)).isEqualTo(target.getId());
        assertThat(definitionOf(inTimer)).isEqualTo(target.getId());
        assertThat(definitionOf(inRevise)).as("finishes on its old version").isEqualTo(oldVersion);
        assertThat(job(inTimer, PUBLISH_TIMER).getDuedate()).as("the timer keeps its due date").isEqualTo(due);
        assertThat(openTask(inReview, REVIEW)).isNotNull();

        // the moved post goes on in the new version; the one left behind still works on the old one
        decide(REVIEWER, openTask(inReview, REVIEW), "approve", null);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(inReview.getId()).singleResult())
                .satisfiesAnyOf(pi -> assertThat(pi).isNull(), pi -> assertThat(pi.getProcessDefinitionId()).isEqualTo(target.getId()));
        as(CREATOR, () -> taskService.complete(openTask(inRevise, REVISE).getId()));
        assertThat(openTask(inRevise, REVIEW)).isNotNull();
    }

    private String definitionOf(ProcessInstance instance) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getProcessDefinitionId();
    }
}
