package io.greenlight.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks diagrams, decisions and forms before they are deployed, with messages a process owner can act on:
 * unparsable XML or JSON, a missing {@code camunda:historyTimeToLive}, a {@code camunda:delegateExpression} naming
 * a bean Greenlight does not have, a {@code camunda:formRef} no form has. The engine's own parser runs after this
 * (an expression it cannot parse is reported the same way); nothing is deployed while there is a problem.
 */
@Component
public class ProcessValidator {

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern SIMPLE_BEAN = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*[.}]");

    private final ListableBeanFactory beans;
    private final org.camunda.bpm.engine.ProcessEngine engine;
    private final ObjectMapper json = new ObjectMapper();

    public ProcessValidator(ListableBeanFactory beans, org.camunda.bpm.engine.ProcessEngine engine) {
        this.beans = beans;
        this.engine = engine;
    }

    /** The problems of this set of resources (names like {@code processes/x.bpmn}); empty when it may be deployed. */
    public List<String> problems(Map<String, byte[]> resources) {
        List<String> problems = new ArrayList<>();
        Set<String> formIds = new HashSet<>();
        for (Map.Entry<String, byte[]> r : resources.entrySet()) {
            if (r.getKey().endsWith(".form")) {
                try {
                    JsonNode form = json.readTree(r.getValue());
                    if (form == null || !form.path("id").isTextual() || form.path("id").asText().isBlank()) {
                        problems.add(r.getKey() + ": the form has no \"id\" (formRef refers to it by that id).");
                    } else {
                        formIds.add(form.path("id").asText());
                    }
                } catch (Exception e) {
                    problems.add(r.getKey() + ": not a readable form (JSON): " + firstLine(e.getMessage()));
                }
            }
        }
        for (Map.Entry<String, byte[]> r : resources.entrySet()) {
            if (r.getKey().endsWith(".bpmn")) {
                checkBpmn(r.getKey(), r.getValue(), formIds, problems);
            } else if (r.getKey().endsWith(".dmn")) {
                checkDmn(r.getKey(), r.getValue(), problems);
            }
        }
        return problems;
    }

    private void checkBpmn(String name, byte[] bytes, Set<String> formIds, List<String> problems) {
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            problems.add(name + ": not a readable BPMN diagram: " + rootMessage(e));
            return;
        }
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable() && (process.getCamundaHistoryTimeToLiveString() == null
                    || process.getCamundaHistoryTimeToLiveString().isBlank())) {
                problems.add(name + ": process '" + process.getId() + "' has no History time to live "
                        + "(camunda:historyTimeToLive, e.g. P180D; Modeler: select the process → History cleanup).");
            }
        }
        for (ModelElementInstance element : model.getModelElementsByType(
                model.getModel().getType(org.camunda.bpm.model.bpmn.instance.FlowElement.class))) {
            DomElement dom = element.getDomElement();
            String delegate = dom.getAttribute(CAMUNDA_NS, "delegateExpression");
            if (delegate != null) {
                Matcher m = SIMPLE_BEAN.matcher(delegate.strip());
                if (m.find() && !beans.containsBean(m.group(1))) {
                    problems.add(name + ": '" + dom.getAttribute("id") + "' calls ${" + m.group(1)
                            + "}, but Greenlight has no such bean. The beans are listed in processes/README.md.");
                }
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String formRef = task.getCamundaFormRef();
            if (formRef != null && !formRef.contains("${") && !formIds.contains(formRef) && !deployedForm(formRef)) {
                problems.add(name + ": user task '" + task.getId() + "' uses form '" + formRef
                        + "', but no form has that id (forms/*.form).");
            }
        }
    }

    private void checkDmn(String name, byte[] bytes, List<String> problems) {
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            problems.add(name + ": not a readable DMN decision: " + rootMessage(e));
            return;
        }
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            if (decision.getCamundaHistoryTimeToLiveString() == null || decision.getCamundaHistoryTimeToLiveString().isBlank()) {
                problems.add(name + ": decision '" + decision.getId() + "' has no History time to live "
                        + "(camunda:historyTimeToLive, e.g. P180D).");
            }
        }
    }

    private boolean deployedForm(String formRef) {
        try {
            var config = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
            return config.getCommandExecutorTxRequired().execute(ctx ->
                    ctx.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formRef)) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        StringBuilder sb = new StringBuilder(firstLine(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null) {
            sb.append(" — ").append(firstLine(root.getMessage()));
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no details)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
