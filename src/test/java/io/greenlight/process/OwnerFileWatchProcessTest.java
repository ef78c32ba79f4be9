package io.greenlight.process;

import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A file saved in processes/ or forms/ is validated and deployed within seconds; a broken save is refused
 * with a message and the last good version keeps serving. Works on a temp folder with its own process key and
 * deployment name, never on the repository's files.
 */
class OwnerFileWatchProcessTest extends WatchedFolderSupport {

    static final String KEY = "owner-watch";
    static final String NAME = "owner-watch-test";

    static String diagram(String taskName, String historyTtl, String delegate, String formRef) {
        return bpmnFile("Definitions_OwnerWatch", """
                <bpmn:process id="%s" name="Owner watch" isExecutable="true"%s>
                  <bpmn:startEvent id="Event_Start" name="Start" />
                  <bpmn:serviceTask id="Activity_Work" name="Work" camunda:asyncBefore="true" camunda:delegateExpression="%s" />
                  <bpmn:userTask id="check" name="%s" camunda:formRef="%s" camunda:formRefBinding="latest" />
                  <bpmn:endEvent id="Event_End" name="End" />
                  <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Activity_Work" />
                  <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_Work" targetRef="check" />
                  <bpmn:sequenceFlow id="Flow_3" sourceRef="check" targetRef="Event_End" />
                </bpmn:process>
                """.formatted(KEY, historyTtl == null ? "" : " camunda:historyTimeToLive=\"" + historyTtl + "\"",
                delegate, taskName, formRef));
    }

    @BeforeEach
    void folder() throws IOException {
        write("processes/owner-watch.bpmn", diagram("Check v1", "P1D", "${notify}", "owner-watch-form"));
        write("forms/owner-watch.form", "{\"id\":\"owner-watch-form\",\"type\":\"default\",\"components\":[]}");
        deployAndWatch(NAME, Duration.ofMillis(300));
        assertThat(watcher.isRunning()).isTrue();
    }

    @AfterEach
    void cleanUp() {
        deleteDeployments(NAME);
    }

    private ProcessDefinition latest() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult();
    }

    private String latestTaskName() {
        return repositoryService.getBpmnModelInstance(latest().getId()).getModelElementById("check")
                .getAttributeValue("name");
    }

    @Test
    void aSavedChangeIsLiveWithinSeconds() throws IOException {
        int before = latest().getVersion();
        write("processes/owner-watch.bpmn", diagram("Check v2", "P1D", "${notify}", "owner-watch-form"));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> latest().getVersion() > before);
        assertThat(latestTaskName()).isEqualTo("Check v2");
        assertThat(events.recent().get(0).kind()).isEqualTo(DeploymentEvents.Kind.DEPLOYED);
        assertThat(events.recent().get(0).trigger()).isEqualTo("file change");
    }

    @Test
    void brokenSavesAreRefusedWithAMessageAndTheLastGoodVersionKeepsServing() throws IOException {
        ProcessDefinition good = latest();

        assertRefused(diagram("Check v3", null, "${notify}", "owner-watch-form"), "has no History time to live");
        assertRefused("<bpmn:definitions this is not xml", "not a readable BPMN diagram");
        assertRefused(diagram("Check v3", "P1D", "${noSuchBean}", "owner-watch-form"),
                "calls ${noSuchBean}, but Greenlight has no such bean");
        assertRefused(diagram("Check v3", "P1D", "${notify}", "no-such-form"), "uses form 'no-such-form', but no form has that id");

        assertThat(latest().getId()).as("nothing was deployed").isEqualTo(good.getId());
        assertThat(latestTaskName()).isEqualTo("Check v1");
        // the old version still serves: a new instance starts on it
        assertThat(runtimeService.startProcessInstanceByKey(KEY).getProcessDefinitionId()).isEqualTo(good.getId());

        // fixing the file clears the problem and deploys
        write("processes/owner-watch.bpmn", diagram("Check v4", "P1D", "${notify}", "owner-watch-form"));
        await().atMost(Duration.ofSeconds(15)).until(() -> latest().getVersion() > good.getVersion());
        assertThat(events.currentProblem()).isNull();
    }

    @Test
    void aBrokenFormIsRefusedToo() {
        assertThatThrownBy(() -> {
            write("forms/owner-watch.form", "{ not json");
            deployer.deploy("direct");
        }).isInstanceOf(InvalidProcessFiles.class).hasMessageContaining("forms/owner-watch.form: not a readable form");
    }

    private void assertRefused(String content, String expected) throws IOException {
        int eventsBefore = events.recent().size();
        DeploymentEvents.Event before = events.recent().isEmpty() ? null : events.recent().get(0);
        write("processes/owner-watch.bpmn", content);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> events.currentProblem() != null && events.currentProblem() != before
                        && String.join(" ", events.currentProblem().problems()).contains(expected));
        assertThat(events.currentProblem().kind()).isEqualTo(DeploymentEvents.Kind.REJECTED);
        assertThat(events.currentProblem().problems()).anySatisfy(p -> assertThat(p).startsWith("processes/owner-watch.bpmn"));
        assertThat(eventsBefore).isGreaterThanOrEqualTo(0);
    }
}
