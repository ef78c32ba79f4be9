package io.greenlight.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** What ProcessDeployer put into the engine at start-up, and the rules every diagram keeps. */
class ProcessDeploymentTest extends ProcessTestSupport {

    @Autowired ProcessDeployer deployer;

    @Test
    void theRepositoryFilesAreDeployedAsOneDeploymentWithRelativeNames() throws IOException {
        ProcessDefinition definition = latestPostApproval();
        Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(definition.getDeploymentId())
                .singleResult();
        assertThat(deployment.getName()).isEqualTo(ProcessDeployer.DEPLOYMENT_NAME).isEqualTo("greenlight");
        Set<String> names = repositoryService.getDeploymentResources(deployment.getId()).stream()
                .map(Resource::getName).collect(Collectors.toSet());
        assertThat(names).contains("processes/post-approval.bpmn", "forms/review-post.form", "forms/revise-post.form");
        assertThat(names).allSatisfy(n -> assertThat(n).doesNotStartWith("/").doesNotContain("\\")
                .matches("(processes|forms)/[^/]+"));
        assertThat(definition.getResourceName()).isEqualTo("processes/post-approval.bpmn");

        // the deployed bytes are the repository's files, not stale copies
        for (String name : List.of("processes/post-approval.bpmn", "forms/review-post.form", "forms/revise-post.form")) {
            try (InputStream deployed = repositoryService.getResourceAsStream(deployment.getId(), name)) {
                assertThat(deployed.readAllBytes()).as(name).isEqualTo(Files.readAllBytes(Path.of(name)));
            }
        }
    }

    @Test
    void deployingUnchangedFilesAgainCreatesNoNewVersion() {
        ProcessDefinition before = latestPostApproval();
        long deploymentsBefore = repositoryService.createDeploymentQuery().deploymentName("greenlight").count();

        DeploymentWithDefinitions result = deployer.deploy();

        assertThat(result.getId()).as("the existing deployment is reused").isEqualTo(before.getDeploymentId());
        assertThat(repositoryService.createDeploymentQuery().deploymentName("greenlight").count())
                .isEqualTo(deploymentsBefore);
        ProcessDefinition after = latestPostApproval();
        assertThat(after.getId()).isEqualTo(before.getId());
        assertThat(after.getVersion()).isEqualTo(before.getVersion());
    }

    @Test
    void everyDeployedDiagramKeepsTheModellingRules() throws IOException {
        String deploymentId = latestPostApproval().getDeploymentId();
        Set<String> formIds = deployedFormIds(deploymentId);
        assertThat(formIds).contains("review-post", "revise-post");
        List<ProcessDefinition> definitions = repositoryService.createProcessDefinitionQuery()
                .deploymentId(deploymentId).list();
        assertThat(definitions).extracting(ProcessDefinition::getKey).contains(PROCESS);

        for (ProcessDefinition definition : definitions) {
            assertThat(definition.getHistoryTimeToLive()).as("historyTimeToLive of %s", definition.getKey())
                    .isNotNull().isPositive();
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());

            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                String where = definition.getKey() + "/" + task.getId();
                assertThat(task.getCamundaFormKey()).as("%s uses formRef, not formKey", where).isNull();
                assertThat(task.getCamundaFormRef()).as("%s has a Camunda Form", where).isNotBlank();
                assertThat(task.getCamundaFormRefBinding()).as("binding of %s", where).isEqualTo("latest");
                assertThat(formIds).as("the form of %s is deployed with it", where).contains(task.getCamundaFormRef());
            }

            Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
                    .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
            drawn.addAll(model.getModelElementsByType(BpmnEdge.class).stream()
                    .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet()));
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
                assertThat(drawn).as("%s is drawn", node.getId()).contains(node.getId());
            }
            for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
                assertThat(drawn).as("%s is drawn", flow.getId()).contains(flow.getId());
            }
            for (Process process : model.getModelElementsByType(Process.class)) {
                assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of %s", process.getId())
                        .isNotBlank();
            }
        }

        // the review and revise stages are recognised by their forms
        BpmnModelInstance postApproval = repositoryService.getBpmnModelInstance(latestPostApproval().getId());
        assertThat(postApproval.getModelElementsByType(UserTask.class).stream()
                .collect(Collectors.toMap(BaseElement::getId, UserTask::getCamundaFormRef)))
                .containsEntry(REVIEW, "review-post").containsEntry(REVISE, "revise-post");
    }

    @Test
    void theTopLevelOfPostApprovalStaysReadable() {
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(latestPostApproval().getId());
        Process process = model.getModelElementById(PROCESS);
        List<FlowNode> topLevel = process.getChildElementsByType(FlowNode.class).stream().toList();
        assertThat(topLevel).as("flow nodes on the top level").hasSizeLessThanOrEqualTo(15);

        // the happy path is one horizontal line
        Set<Double> centres = List.of("Event_PostSubmitted", REVIEW_SCOPE, "Activity_ApprovePost", PUBLISH_SCOPE,
                "Event_PostPublished").stream().map(id -> shape(model, id)).map(b -> b.getBounds().getY()
                + b.getBounds().getHeight() / 2).collect(Collectors.toSet());
        assertThat(centres).as("centre lines of the happy path").hasSize(1);

        // each collapsed subprocess has its own drawing and ends with the outcome the top level routes on
        Set<String> planes = model.getModelElementsByType(BpmnPlane.class).stream()
                .map(pl -> pl.getBpmnElement().getId()).collect(Collectors.toSet());
        for (String scope : List.of(REVIEW_SCOPE, PUBLISH_SCOPE)) {
            SubProcess sub = model.getModelElementById(scope);
            assertThat(sub.getParentElement()).as("%s is on the top level", scope).isEqualTo(process);
            assertThat(shape(model, scope).isExpanded()).as("%s is drawn collapsed", scope).isFalse();
            assertThat(planes).as("%s has its own plane", scope).contains(scope);
            String variable = scope.equals(REVIEW_SCOPE) ? "reviewOutcome" : "publishOutcome";
            // the end events its main path reaches (the reminder and escalation tails end only their own branch)
            Set<FlowNode> reached = new HashSet<>();
            Deque<FlowNode> todo = new ArrayDeque<>(sub.getChildElementsByType(StartEvent.class));
            while (!todo.isEmpty()) {
                FlowNode node = todo.pop();
                if (reached.add(node)) {
                    todo.addAll(node.getSucceedingNodes().list());
                }
            }
            List<EndEvent> ends = reached.stream().filter(EndEvent.class::isInstance).map(EndEvent.class::cast).toList();
            assertThat(ends).as("end events of %s", scope).hasSizeGreaterThanOrEqualTo(3);
            for (EndEvent end : ends) {
                assertThat(end.getExtensionElements()).as("%s sets %s", end.getId(), variable).isNotNull();
                assertThat(end.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class)
                        .list()).as("%s sets %s", end.getId(), variable)
                        .anySatisfy(l -> assertThat(l.getCamundaExpression()).contains("'" + variable + "'"));
            }
        }
    }

    private static BpmnShape shape(BpmnModelInstance model, String elementId) {
        return model.getModelElementsByType(BpmnShape.class).stream()
                .filter(s -> s.getBpmnElement() != null && elementId.equals(s.getBpmnElement().getId()))
                .findFirst().orElseThrow(() -> new AssertionError(elementId + " is not drawn"));
    }

    private ProcessDefinition latestPostApproval() {
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS)
                .latestVersion().singleResult();
        assertThat(definition).as("post-approval is deployed").isNotNull();
        return definition;
    }

    /** The ids of the Camunda Forms deployed with the diagrams (what formRef refers to). */
    private Set<String> deployedFormIds(String deploymentId) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Resource r : repositoryService.getDeploymentResources(deploymentId)) {
            if (r.getName().endsWith(".form")) {
                try (InputStream in = repositoryService.getResourceAsStream(deploymentId, r.getName())) {
                    ids.add(new ObjectMapper().readTree(in).path("id").asText());
                }
            }
        }
        return ids;
    }
}
