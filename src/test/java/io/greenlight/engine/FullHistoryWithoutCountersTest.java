package io.greenlight.engine;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine records FULL history but for the multi-instance counters; the counters still work at run time, and every
 * other variable keeps its history and its update details.
 */
@SpringBootTest
@ActiveProfiles("test")
class FullHistoryWithoutCountersTest {

    @Autowired
    ProcessEngineConfigurationImpl configuration;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    private Deployment deployment;

    @AfterEach
    void undeploy() {
        if (deployment != null) {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void isTheEnginesLevelUnderFullsIdAndName() {
        assertThat(configuration.getHistoryLevel()).isInstanceOf(FullHistoryWithoutCounters.class);
        assertThat(configuration.getHistoryLevel().getId()).isEqualTo(3);
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo("full");
    }

    @Test
    void aMultiInstanceKeepsItsCountersAtRunTimeButNotInHistory() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("Process_CounterHistory").name("Counter history")
                .camundaHistoryTimeToLive(1)
                .startEvent("Event_Started").name("Started")
                .receiveTask("Activity_Wait").name("Wait for ${item}")
                .multiInstance().parallel().camundaCollection("${items}").camundaElementVariable("item").multiInstanceDone()
                .endEvent("Event_Done").name("Done")
                .done();
        deployment = repository.createDeployment().name("counter-history test").addModelInstance("counter-history.bpmn", model).deploy();

        ProcessInstance instance = runtime.startProcessInstanceByKey("Process_CounterHistory",
                Map.of("items", List.of("a", "b"), "note", "first"));
        runtime.setVariable(instance.getId(), "note", "second");
        List<Execution> waiting = runtime.createExecutionQuery().processInstanceId(instance.getId()).activityId("Activity_Wait").list();
        assertThat(waiting).hasSize(2);
        // at run time the counters are there, as expressions and listeners read them
        assertThat(runtime.getVariable(waiting.get(0).getId(), "nrOfInstances")).isEqualTo(2);
        assertThat(waiting).extracting(e -> runtime.getVariableLocal(e.getId(), "loopCounter")).containsExactlyInAnyOrder(0, 1);
        waiting.forEach(e -> runtime.signal(e.getId()));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();

        List<String> recorded = history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
                .stream().map(HistoricVariableInstance::getName).toList();
        assertThat(recorded).contains("items", "note", "item").doesNotContainAnyElementsOf(FullHistoryWithoutCounters.COUNTERS);
        List<HistoricDetail> details = history.createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates().list();
        assertThat(details).extracting(d -> ((HistoricVariableUpdate) d).getVariableName())
                .contains("note", "item").doesNotContainAnyElementsOf(FullHistoryWithoutCounters.COUNTERS);
        assertThat(details).filteredOn(d -> "note".equals(((HistoricVariableUpdate) d).getVariableName()))
                .extracting(d -> ((HistoricVariableUpdate) d).getValue()).containsExactlyInAnyOrder("first", "second");
        // the activity history is whole: both instances of the multi-instance, start and end
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).activityId("Activity_Wait").count())
                .isEqualTo(2);
    }
}
