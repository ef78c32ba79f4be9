package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostTimeline;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drawings a process owner may deploy from Camunda Modeler as the next version of {@code post-approval}: no wait
 * state before the approval, a stage drawn as its own user task, a multi-instance over a catalogue list variable.
 * Each test deletes its deployment afterwards, so the repository's version serves the other tests again.
 */
class OwnerDrawingVariantsProcessTest extends ProcessTestSupport {

    static final String NAME = "owner-variant-test";

    @Autowired PostTimeline timeline;

    @AfterEach
    void undeploy() {
        deleteDeployments(NAME);
    }

    /** A Modeler-style {@code post-approval}: start → validatePost → {@code middle} → approvePost → end. */
    static String diagram(String middle) {
        String between = middle == null ? "" : middle;
        String toApproval = middle == null ? "Activity_Validate" : "Activity_Middle";
        return bpmnFile("Definitions_Variant", """
                <bpmn:process id="post-approval" name="Post approval (variant)" isExecutable="true" camunda:historyTimeToLive="P1D">
                  <bpmn:startEvent id="Event_Start" name="Post submitted" />
                  <bpmn:serviceTask id="Activity_Validate" name="Validate" camunda:delegateExpression="${validatePost}" />
                  %s
                  <bpmn:serviceTask id="Activity_Approve" name="Record approval" camunda:delegateExpression="${approvePost}" />
                  <bpmn:endEvent id="Event_End" name="Approved" />
                  <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Activity_Validate" />
                  %s
                  <bpmn:sequenceFlow id="Flow_3" sourceRef="%s" targetRef="Activity_Approve" />
                  <bpmn:sequenceFlow id="Flow_4" sourceRef="Activity_Approve" targetRef="Event_End" />
                </bpmn:process>
                """.formatted(between, middle == null ? ""
                        : "<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"Activity_Validate\" targetRef=\"Activity_Middle\" />",
                toApproval));
    }

    void deploy(String bpmn) {
        repositoryService.createDeployment().name(NAME).source("Camunda Modeler")
                .addString("post-approval.bpmn", bpmn).deploy();
    }

    Post post(String region) {
        return postService.create(CREATOR, new PostCommand("Variant " + System.nanoTime(), null, null, "UTC",
                List.of(variant(LOCAL, "Hello")), null, region, false, false, false));
    }

    @Test
    void aDrawingWithoutAWaitBeforeTheApprovalKeepsTheApproval() {
        deploy(diagram(null));
        Post post = post(null);
        postService.submit(CREATOR, post.getId());

        Post approved = reload(post);
        assertThat(approved.getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(approved.getApprovedVersion()).isEqualTo(approved.getContentVersion());
        assertThat(approved.getApprovedAt()).isNotNull();
    }

    @Test
    void aStageDrawnAsItsOwnTaskGetsItsGroupsSla() {
        deploy(diagram("""
                <bpmn:userTask id="Activity_Middle" name="Legal review" camunda:formRef="review-post"
                    camunda:formRefBinding="latest" camunda:candidateGroups="legal"
                    camunda:dueDate="${deadlines.reviewDue(execution)}" />"""));
        ProcessInstance instance = submit(CREATOR, post(null));

        Task legal = openTask(instance, "Activity_Middle");
        assertThat(candidateGroups(legal)).containsExactly("legal");
        assertThat(legal.getDueDate()).as("greenlight.review.sla-by-stage.legal = PT48H")
                .isEqualTo(plus(now, Duration.ofHours(48)));
    }

    @Test
    void aMultiInstanceRunsOverThePostsRegions() {
        deploy(diagram("""
                <bpmn:userTask id="Activity_Middle" name="Check ${regionToCheck}" camunda:candidateGroups="managers">
                  <bpmn:multiInstanceLoopCharacteristics camunda:collection="${regions}" camunda:elementVariable="regionToCheck" />
                </bpmn:userTask>"""));
        ProcessInstance instance = submit(CREATOR, post("DACH, Nordics"));

        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).list())
                .extracting(Task::getName).containsExactlyInAnyOrder("Check DACH", "Check Nordics");
        assertThat(runtimeService.getVariable(instance.getId(), "regions")).isEqualTo(List.of("DACH", "Nordics"));
        assertThat(runtimeService.getVariable(instance.getId(), "channels")).isEqualTo(List.of(LOCAL));

        ProcessInstance global = submit(CREATOR, post(null));
        assertThat(taskService.createTaskQuery().processInstanceId(global.getId()).list())
                .extracting(Task::getName).containsExactly("Check global");
    }

    @Test
    void theTimelineShowsOneSubmissionAndThePublication() {
        Post post = post(null);
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        managementService.executeJob(job(instance, PUBLISH_TIMER).getId());
        for (Job publish : jobs(instance, PUBLISH_TASK)) {
            managementService.executeJob(publish.getId());
        }
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(post.getId())
                .processDefinitionKey("post-metrics").count())
                .as("publishing starts no post-metrics instance: the periodic sweep reads the metrics").isZero();

        List<PostTimeline.Entry> entries = timeline.of(reload(post));
        assertThat(entries).filteredOn(e -> e.kind().equals("submitted")).hasSize(1);
        assertThat(entries).filteredOn(e -> e.kind().equals("published"))
                .singleElement().satisfies(e -> assertThat(e.text()).startsWith("Published").contains(LOCAL));
    }
}
