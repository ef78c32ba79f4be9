package io.greenlight.external;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;

import java.io.File;
import java.util.List;

/**
 * What a process owner draws to add an external stage, done on a copy of the real {@code processes/post-approval.bpmn}:
 * a user task "Client approval" with the form {@code external-review}, candidate group {@code managers} and the input
 * parameter {@code approverEmail}, right before <em>Record approval</em>, followed by a gateway on {@code decision}
 * (approve → record approval, changes → the author's revision, reject → record rejection). The elements are found
 * by their bean and form, as Greenlight itself finds them, so the test follows the diagram as other issues redraw it.
 * Deployed as a new version of {@code post-approval}; {@link #undeploy} removes it again (and its test instances).
 */
public final class ExternalStageDiagram {

    public static final String TASK = "Activity_ClientApproval";
    public static final String GATEWAY = "Gateway_ClientDecision";

    private ExternalStageDiagram() {
    }

    /** Deploys the copy with an external stage for {@code approverEmail}; returns the deployment id. */
    public static String deploy(RepositoryService repository, String approverEmail) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/post-approval.bpmn"));
        Process process = model.getModelElementsByType(Process.class).stream()
                .filter(p -> "post-approval".equals(p.getId())).findFirst().orElseThrow();
        FlowNode approve = byBean(model, ServiceTask.class, "${approvePost}");
        FlowNode reject = byBean(model, ServiceTask.class, "${rejectPost}");
        FlowNode revise = model.getModelElementsByType(UserTask.class).stream()
                .filter(t -> "revise-post".equals(t.getCamundaFormRef())).findFirst().orElseThrow();

        UserTask external = model.newInstance(UserTask.class);
        external.setId(TASK);
        external.setName("Client approval");
        external.setCamundaFormRef(ExternalStageTasks.FORM);
        external.setCamundaFormRefBinding("latest");
        external.setCamundaCandidateGroups("managers");
        ExtensionElements extensions = model.newInstance(ExtensionElements.class);
        CamundaInputOutput io = model.newInstance(CamundaInputOutput.class);
        CamundaInputParameter email = model.newInstance(CamundaInputParameter.class);
        email.setCamundaName(ExternalStageTasks.APPROVER_EMAIL);
        email.setTextContent(approverEmail);
        io.addChildElement(email);
        extensions.addChildElement(io);
        external.setExtensionElements(extensions);
        process.addChildElement(external);

        ExclusiveGateway gateway = model.newInstance(ExclusiveGateway.class);
        gateway.setId(GATEWAY);
        gateway.setName("Client decision?");
        process.addChildElement(gateway);

        // everything that led to "Record approval" now leads to the external stage first
        List<SequenceFlow> into = model.getModelElementsByType(SequenceFlow.class).stream()
                .filter(f -> f.getTarget() == approve).toList();
        into.forEach(f -> f.setTarget(external));
        flow(model, process, "Flow_ToClientDecision", external, gateway, null);
        flow(model, process, "Flow_ClientApproved", gateway, approve, "${decision == 'approve'}");
        flow(model, process, "Flow_ClientChanges", gateway, revise, "${decision == 'changes'}");
        flow(model, process, "Flow_ClientRejected", gateway, reject, "${decision == 'reject'}");

        Bpmn.validateModel(model);
        return repository.createDeployment().name("test: external stage").addModelInstance("post-approval.bpmn", model)
                .deploy().getId();
    }

    public static void undeploy(RepositoryService repository, String deploymentId) {
        if (deploymentId != null) {
            repository.deleteDeployment(deploymentId, true, true);
        }
    }

    private static <T extends FlowNode> FlowNode byBean(BpmnModelInstance model, Class<T> type, String bean) {
        return model.getModelElementsByType(type).stream()
                .filter(t -> t instanceof ServiceTask s && bean.equals(s.getCamundaDelegateExpression()))
                .findFirst().orElseThrow(() -> new IllegalStateException("post-approval.bpmn has no task " + bean));
    }

    private static void flow(BpmnModelInstance model, Process process, String id, FlowNode from, FlowNode to, String condition) {
        SequenceFlow flow = model.newInstance(SequenceFlow.class);
        flow.setId(id);
        process.addChildElement(flow);
        flow.setSource(from);
        flow.setTarget(to);
        if (condition != null) {
            ConditionExpression expression = model.newInstance(ConditionExpression.class);
            expression.setTextContent(condition);
            flow.setConditionExpression(expression);
        }
    }
}
