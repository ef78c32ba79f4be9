package io.greenlight.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
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
