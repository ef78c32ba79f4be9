package io.greenlight.process;

import io.greenlight.security.IdentityBootstrap;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployed drawing or decision that names a candidate group Greenlight does not know gets the group, its Tasklist
 * grants and read access to the shared filters, as Greenlight's own groups have: a user added to the group sees the
 * task in Tasklist's "My group's tasks" without anyone visiting Camunda Admin.
 */
class OwnerNewGroupProcessTest extends ProcessTestSupport {

    static final String NAME = "owner-new-group-test";
    static final String KEY = "owner-new-group";
    static final String GROUP = "brand";
    static final String MEMBER = "brandmember";

    @Autowired AuthorizationService authorizationService;
    @Autowired FilterService filterService;

    @BeforeEach
    void noSuchGroup() {
        // start from an installation that has never heard of the group
        if (identityService.createUserQuery().userId(MEMBER).count() > 0) {
            identityService.deleteUser(MEMBER);
        }
        if (identityService.createGroupQuery().groupId(GROUP).count() > 0) {
            identityService.deleteGroup(GROUP);
        }
        for (Authorization a : authorizationService.createAuthorizationQuery().groupIdIn(GROUP).list()) {
            authorizationService.deleteAuthorization(a.getId());
        }
    }

    @AfterEach
    void undeploy() {
        deleteDeployments(NAME);
    }

    static String diagram(String group) {
        return bpmnFile("Definitions_NewGroup", """
                <bpmn:process id="%s" name="New group" isExecutable="true" camunda:historyTimeToLive="P1D">
                  <bpmn:startEvent id="Event_Start" name="Start" />
                  <bpmn:userTask id="brand-check" name="Brand check" camunda:candidateGroups="%s" />
                  <bpmn:endEvent id="Event_End" name="End" />
                  <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="brand-check" />
                  <bpmn:sequenceFlow id="Flow_2" sourceRef="brand-check" targetRef="Event_End" />
                </bpmn:process>
                """.formatted(KEY, group));
    }

    @Test
    void aDeployedDiagramNamingANewGroupMakesItsTasksVisibleInTasklist() {
        // as Camunda Modeler does it: the process owner's deployment through the engine (REST) with their rights
        as(new io.greenlight.security.CurrentUser("someowner", java.util.Set.of("process-owners")), () -> {
            repositoryService.createDeployment().name(NAME).source("Camunda Modeler")
                    .addString("new-group.bpmn", diagram("managers, " + GROUP)).deploy();
        });
        assertThat(identityService.createGroupQuery().groupId(GROUP).count()).as("the group exists").isEqualTo(1);

        ProcessInstance instance = runtimeService.startProcessInstanceByKey(KEY);
        Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        User member = identityService.newUser(MEMBER);
        member.setPassword(MEMBER);
        identityService.saveUser(member);
        identityService.createMembership(MEMBER, GROUP);

        Filter groupTasks = filterService.createFilterQuery().filterName(IdentityBootstrap.GROUP_TASKS).singleResult();
        identityService.setAuthentication(MEMBER, List.of(GROUP));
        try {
            assertThat(filterService.createFilterQuery().filterName(IdentityBootstrap.GROUP_TASKS).count())
                    .as("the member may read the shared filter").isEqualTo(1);
            List<Task> seen = filterService.list(groupTasks.getId());
            assertThat(seen).extracting(Task::getId).contains(task.getId());
            assertThat(authorizationService.isUserAuthorized(MEMBER, List.of(GROUP),
                    org.camunda.bpm.engine.authorization.Permissions.ACCESS,
                    org.camunda.bpm.engine.authorization.Resources.APPLICATION, "tasklist")).isTrue();
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void aDecisionRowNamingANewStageGroupCreatesIt() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_NewGroupDmn"
                    name="New group" namespace="https://greenlight.io/test"
                    xmlns:camunda="http://camunda.org/schema/1.0/dmn">
                  <decision id="owner-new-group-routing" name="Routing" camunda:historyTimeToLive="P1D">
                    <decisionTable id="DecisionTable_1" hitPolicy="COLLECT">
                      <input id="Input_1" label="Campaign type">
                        <inputExpression id="InputExpression_1" typeRef="string"><text>campaignType</text></inputExpression>
                      </input>
                      <output id="Output_1" label="Stage" name="stage" typeRef="string" />
                      <rule id="Rule_1">
                        <inputEntry id="UnaryTests_1"><text>"new"</text></inputEntry>
                        <outputEntry id="LiteralExpression_1"><text>"%s"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(GROUP);
        repositoryService.createDeployment().name(NAME).source("Camunda Modeler")
                .addString("new-group.dmn", dmn).deploy();

        assertThat(identityService.createGroupQuery().groupId(GROUP).count()).isEqualTo(1);
        assertThat(authorizationService.isUserAuthorized(MEMBER, List.of(GROUP),
                org.camunda.bpm.engine.authorization.Permissions.READ,
                org.camunda.bpm.engine.authorization.Resources.FILTER,
                filterService.createFilterQuery().filterName(IdentityBootstrap.GROUP_TASKS).singleResult().getId())).isTrue();
    }
}
