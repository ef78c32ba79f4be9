package io.greenlight.process;

import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What the process pages show: versions with who/when/source/changes, counts per step, DMN tables read-only. */
@Service
public class ProcessPages {

    public record Version(ProcessDefinition definition, Deployment deployment, String origin, String deployedBy,
                          List<String> changes, long running) {
    }

    public record StepCount(String activityId, String name, long waiting, long overdue) {
    }

    public record DecisionTableView(String key, int version, String name, String hitPolicy, List<String> inputs,
                                    List<String> outputs, List<List<String>> rows) {
    }

    private final RepositoryService repository;
    private final ManagementService management;
    private final HistoryService history;
    private final TaskService tasks;
    private final SystemAccess system;
    private final org.camunda.bpm.engine.RuntimeService runtime;

    public ProcessPages(RepositoryService repository, ManagementService management, HistoryService history,
                        TaskService tasks, SystemAccess system, org.camunda.bpm.engine.RuntimeService runtime) {
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.history = history;
        this.tasks = tasks;
        this.system = system;
    }

    public List<ProcessDefinition> latest() {
        return system.call(() -> repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list());
    }

    public ProcessDefinition latest(String key) {
        return system.call(() -> repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult());
    }

    public ProcessDefinition definition(String key, int version) {
        return system.call(() -> repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).singleResult());
    }

    /** Every version, newest first, with what changed compared to the version before. */
    public List<Version> versions(String key) {
        return system.call(() -> {
            List<ProcessDefinition> all = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .orderByProcessDefinitionVersion().asc().list();
            List<Version> out = new ArrayList<>();
            Map<String, String> previous = null;
            for (ProcessDefinition d : all) {
                Map<String, String> elements = elements(repository.getBpmnModelInstance(d.getId()));
                Deployment deployment = repository.createDeploymentQuery().deploymentId(d.getDeploymentId()).singleResult();
                UserOperationLogEntry log = history.createUserOperationLogQuery().deploymentId(d.getDeploymentId())
                        .entityType(EntityTypes.DEPLOYMENT).operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE)
                        .listPage(0, 1).stream().findFirst().orElse(null);
                String origin = deployment == null ? "?" : ProcessDeployer.DEPLOYMENT_NAME.equals(deployment.getSource())
                        ? "files (processes/, forms/)" : Objects.toString(deployment.getSource(), "API") + " — " + deployment.getName();
                String who = log != null && log.getUserId() != null ? log.getUserId() : "Greenlight (files)";
                long running = runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count();
                out.add(new Version(d, deployment, origin, who, previous == null ? List.of("first version") : diff(previous, elements), running));
                previous = elements;
            }
            java.util.Collections.reverse(out);
            return out;
        });
    }

    /** Posts waiting at each step, over all versions of the process; overdue = user tasks past their due date. */
    public List<StepCount> counts(String key) {
        return system.call(() -> {
            ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
            Map<String, String> names = elements(repository.getBpmnModelInstance(latest.getId()));
            Map<String, long[]> counts = new TreeMap<>();
            for (ProcessDefinition d : repository.createProcessDefinitionQuery().processDefinitionKey(key).list()) {
                for (ActivityStatistics s : management.createActivityStatisticsQuery(d.getId()).list()) {
                    counts.computeIfAbsent(s.getId(), k -> new long[2])[0] += s.getInstances();
                }
            }
            Date now = ClockUtil.getCurrentTime();
            for (Task t : tasks.createTaskQuery().processDefinitionKey(key).dueBefore(now).list()) {
                counts.computeIfAbsent(t.getTaskDefinitionKey(), k -> new long[2])[1]++;
            }
            List<StepCount> out = new ArrayList<>();
            counts.forEach((id, c) -> out.add(new StepCount(id, names.getOrDefault(id, id + " (older version)"), c[0], c[1])));
            return out;
        });
    }

    public String xml(String definitionId) {
        return system.call(() -> {
            ProcessDefinition d = repository.getProcessDefinition(definitionId);
            try (InputStream in = repository.getResourceAsStream(d.getDeploymentId(), d.getResourceName())) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The latest version of every decision, as a read-only table. */
    public List<DecisionTableView> decisions() {
        return system.call(() -> {
            List<DecisionTableView> out = new ArrayList<>();
            for (DecisionDefinition d : repository.createDecisionDefinitionQuery().latestVersion().list()) {
                DmnModelInstance model = repository.getDmnModelInstance(d.getId());
                for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
                    if (!d.getKey().equals(((org.camunda.bpm.model.dmn.instance.Decision) table.getParentElement()).getId())) {
                        continue;
                    }
                    List<String> inputs = table.getInputs().stream().map(i -> label(i.getLabel(), i.getInputExpression() == null
                            ? i.getId() : i.getInputExpression().getText().getTextContent())).toList();
                    List<String> outputs = table.getOutputs().stream().map(o -> label(o.getLabel(), o.getName())).toList();
                    List<List<String>> rows = new ArrayList<>();
                    for (Rule rule : table.getRules()) {
                        List<String> row = new ArrayList<>();
                        for (InputEntry e : rule.getInputEntries()) {
                            String t = e.getText() == null ? "" : e.getText().getTextContent().strip();
                            row.add(t.isEmpty() ? "-" : t);
                        }
                        for (OutputEntry e : rule.getOutputEntries()) {
                            row.add(e.getText() == null ? "" : e.getText().getTextContent().strip());
                        }
                        row.add(rule.getDescription() == null ? "" : rule.getDescription().getTextContent().strip());
                        rows.add(row);
                    }
                    out.add(new DecisionTableView(d.getKey(), d.getVersion(), d.getName(), table.getHitPolicy().name(),
                            inputs, outputs, rows));
                }
            }
            return out;
        });
    }

    private static String label(String label, String fallback) {
        return label == null || label.isBlank() ? fallback : label;
    }

    static Map<String, String> elements(BpmnModelInstance model) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FlowElement e : model.getModelElementsByType(FlowElement.class)) {
            out.put(e.getId(), e.getName() == null ? "" : e.getName());
        }
        return out;
    }

    static List<String> diff(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        after.forEach((id, name) -> {
            if (!before.containsKey(id)) {
                changes.add("added " + id + (name.isEmpty() ? "" : " \"" + name + "\""));
            } else if (!Objects.equals(before.get(id), name)) {
                changes.add("renamed " + id + ": \"" + before.get(id) + "\" → \"" + name + "\"");
            }
        });
        before.forEach((id, name) -> {
            if (!after.containsKey(id)) {
                changes.add("removed " + id + (name.isEmpty() ? "" : " \"" + name + "\""));
            }
        });
        if (changes.isEmpty()) {
            changes.add("same elements (attributes such as deadlines, groups or expressions may differ)");
        }
        return changes;
    }
}
