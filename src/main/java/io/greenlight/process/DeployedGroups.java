package io.greenlight.process;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.security.IdentityBootstrap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * New groups just work: every deployment (the files, the watcher, Camunda Modeler through /engine-rest, Cockpit) is
 * read for the candidate groups it names, and a group Greenlight does not have yet is created with what its own
 * groups get (Tasklist, the shared filters; {@link IdentityBootstrap#ensureWorkflowGroups}). Named are: a user
 * task's {@code camunda:candidateGroups} (not an expression), the {@code groups} input of {@code ${addCandidates}},
 * and the literal {@code stage} outputs of a decision table (a stage is its group).
 */
@Component
public class DeployedGroups {

    private static final Logger LOG = LoggerFactory.getLogger(DeployedGroups.class);
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]+)\"");

    private final RepositoryService repository;
    private final IdentityBootstrap identity;

    public DeployedGroups(RepositoryService repository, IdentityBootstrap identity) {
        this.repository = repository;
        this.identity = identity;
    }

    /** Called after a deployment was committed. Never throws: the deployment itself has succeeded. */
    public void deployed(Deployment deployment) {
        try {
            Set<String> groups = new TreeSet<>();
            for (Resource r : repository.getDeploymentResources(deployment.getId())) {
                String name = r.getName();
                if (!name.endsWith(".bpmn") && !name.endsWith(".dmn")) {
                    continue;
                }
                try (InputStream in = repository.getResourceAsStream(deployment.getId(), name)) {
                    if (name.endsWith(".bpmn")) {
                        groups.addAll(inDiagram(Bpmn.readModelFromStream(in)));
                    } else {
                        groups.addAll(inDecisions(Dmn.readModelFromStream(in)));
                    }
                }
            }
            if (!groups.isEmpty()) {
                identity.ensureWorkflowGroups(groups);
            }
        } catch (Exception e) {
            LOG.error("Could not set up the candidate groups named by deployment {}", deployment.getId(), e);
        }
    }

    static List<String> inDiagram(BpmnModelInstance model) {
        List<String> groups = new ArrayList<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            groups.addAll(split(task.getCamundaCandidateGroups()));
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!"${addCandidates}".equals(task.getCamundaDelegateExpression()) || task.getExtensionElements() == null) {
                continue;
            }
            for (CamundaInputParameter p : task.getExtensionElements().getElementsQuery()
                    .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).list().stream()
                    .flatMap(io -> io.getCamundaInputParameters().stream()).toList()) {
                if ("groups".equals(p.getCamundaName())) {
                    groups.addAll(split(p.getTextContent()));
                }
            }
        }
        return groups;
    }

    static List<String> inDecisions(org.camunda.bpm.model.dmn.DmnModelInstance model) {
        List<String> groups = new ArrayList<>();
        for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
            List<Output> outputs = new ArrayList<>(table.getOutputs());
            for (int i = 0; i < outputs.size(); i++) {
                if (!ProcessBindings.STAGE.equals(outputs.get(i).getName())) {
                    continue;
                }
                for (Rule rule : table.getRules()) {
                    List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
                    if (i < entries.size() && entries.get(i).getText() != null) {
                        var m = LITERAL.matcher(entries.get(i).getText().getTextContent().strip());
                        if (m.matches()) {
                            groups.add(m.group(1).strip());
                        }
                    }
                }
            }
        }
        return groups;
    }

    /** Comma-separated group ids; expressions ({@code ${stage}}) name no group of their own. */
    private static List<String> split(String value) {
        List<String> groups = new ArrayList<>();
        if (value == null || value.contains("${") || value.contains("#{")) {
            return groups;
        }
        for (String g : value.split(",")) {
            if (!g.isBlank()) {
                groups.add(g.strip());
            }
        }
        return groups;
    }
}
