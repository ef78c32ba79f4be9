package io.greenlight.process;

import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deployment from Camunda Modeler is written back to the files, which the file watcher sees: that must not deploy
 * the same drawing a second time, and two deployments in quick succession must leave the newer drawing live.
 * Works on a temp folder with its own process key, never on the repository's files.
 */
class OwnerModelerOnceProcessTest extends WatchedFolderSupport {

    static final String KEY = "owner-once";
    static final String PREFIX = "owner-once-test";

    ModelerWriteBack writeBack;

    static String diagram(String taskName) {
        return bpmnFile("Definitions_OwnerOnce", """
                <bpmn:process id="%s" name="Owner once" isExecutable="true" camunda:historyTimeToLive="P1D">
                  <bpmn:startEvent id="Event_Start" name="Start" />
                  <bpmn:userTask id="check" name="%s" />
                  <bpmn:endEvent id="Event_End" name="End" />
                  <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="check" />
                  <bpmn:sequenceFlow id="Flow_2" sourceRef="check" targetRef="Event_End" />
                </bpmn:process>
                """.formatted(KEY, taskName));
    }

    @BeforeEach
    void folder() throws IOException {
        write("processes/owner-once.bpmn", diagram("Check v1"));
        deployAndWatch(PREFIX + "-files", Duration.ofMillis(200));
        writeBack = new ModelerWriteBack(repositoryService, identityService, deployer, events, true);
    }

    @AfterEach
    void cleanUp() {
        deleteDeployments(PREFIX + "%");
    }

    /** What Camunda Modeler's deploy does: a deployment of its own name and source, then the write-back. */
    Deployment modelerDeploy(String taskName) {
        return repositoryService.createDeployment().name(PREFIX + "-modeler").source("Camunda Modeler")
                .addString("owner-once.bpmn", diagram(taskName)).deploy();
    }

    long versions() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).count();
    }

    String liveTaskName() {
        ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY)
                .latestVersion().singleResult();
        return repositoryService.getBpmnModelInstance(latest.getId()).getModelElementById("check").getAttributeValue("name");
    }

    /** Waits until the watcher has handled the written-back files (deployed them or found them unchanged). */
    void awaitWatcher(Set<DeploymentEvents.Event> before) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> events.recent().stream()
                .anyMatch(e -> "file change".equals(e.trigger()) && !before.contains(e)));
        // a second watcher round (if any) would come within the debounce
        await().pollDelay(Duration.ofMillis(600)).until(() -> true);
    }

    Set<DeploymentEvents.Event> eventsNow() {
        Set<DeploymentEvents.Event> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(events.recent());
        return seen;
    }

    @Test
    void oneModelerDeployIsOneVersion() throws IOException {
        Set<DeploymentEvents.Event> before = eventsNow();
        writeBack.deployed(modelerDeploy("Check v2"));
        assertThat(Files.readString(folder.resolve("processes/owner-once.bpmn"))).contains("Check v2");

        awaitWatcher(before);
        assertThat(versions()).as("the files' version and Modeler's, nothing more").isEqualTo(2);
        assertThat(liveTaskName()).isEqualTo("Check v2");

        // a restart finds the files as they are live: no version either
        deployer.deploy("start-up");
        assertThat(versions()).isEqualTo(2);
    }

    @Test
    void twoQuickModelerDeploysLeaveTheNewerDrawingLive() throws IOException {
        Set<DeploymentEvents.Event> before = eventsNow();
        Deployment older = modelerDeploy("Check v2");
        Deployment newer = modelerDeploy("Check v3");
        // two overlapping requests: the newer one's write-back finishes first
        writeBack.deployed(newer);
        writeBack.deployed(older);

        assertThat(Files.readString(folder.resolve("processes/owner-once.bpmn"))).contains("Check v3");
        awaitWatcher(before);
        assertThat(liveTaskName()).isEqualTo("Check v3");
        assertThat(versions()).isEqualTo(3);
    }
}
