package io.greenlight.team;

import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which groups the deployed models hand work to, read from the latest version of every deployed diagram and from
 * the routing decision: a user task's literal {@code camunda:candidateGroups} ({@code ${stage}} and other expressions
 * are decided at run time and skipped), and the string literals the decision table {@code approval-routing} returns
 * (each is the candidate group of a review stage). A process owner who draws a new stage shows up here without code.
 */
@Component
public class GroupUse {

    /** The decision whose outputs are review stages (= candidate groups); see processes/approval-routing.dmn. */
    public static final String ROUTING_DECISION = "approval-routing";

    private static final Pattern LITERAL = Pattern.compile("^\\s*\"([^\"]+)\"\\s*$");
    private static final Pattern GROUP_ID = Pattern.compile("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");

    private final RepositoryService repository;
    private final SystemAccess system;

    public GroupUse(RepositoryService repository, SystemAccess system) {
        this.repository = repository;
        this.system = system;
    }

    /** Group id → where the models use it ("post-approval: Review post", "approval-routing: rule Legal"). */
    public Map<String, List<String>> usedGroups() {
        return system.call(() -> {
            Map<String, Set<String>> uses = new TreeMap<>();
            for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
                BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
                if (model == null) {
                    continue;
                }
                for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                    String groups = task.getCamundaCandidateGroups();
                    if (groups == null || groups.contains("${") || groups.contains("#{")) {
                        continue;
                    }
                    for (String group : groups.split(",")) {
                        add(uses, group.strip(), definition.getKey() + ": " + (task.getName() == null ? task.getId() : task.getName()));
                    }
                }
            }
            for (DecisionDefinition decision : repository.createDecisionDefinitionQuery().decisionDefinitionKey(ROUTING_DECISION)
                    .latestVersion().list()) {
                DmnModelInstance model = repository.getDmnModelInstance(decision.getId());
                if (model == null) {
                    continue;
                }
                for (Rule rule : model.getModelElementsByType(Rule.class)) {
                    String label = rule.getDescription() != null && rule.getDescription().getTextContent() != null
                            ? rule.getDescription().getTextContent().strip() : rule.getId();
                    for (OutputEntry output : rule.getOutputEntries()) {
                        if (output.getText() == null) {
                            continue;
                        }
                        Matcher m = LITERAL.matcher(output.getText().getTextContent());
                        if (m.matches()) {
                            add(uses, m.group(1).strip(), decision.getKey() + ": " + label);
                        }
                    }
                }
            }
            Map<String, List<String>> result = new TreeMap<>();
            uses.forEach((group, where) -> result.put(group, List.copyOf(where)));
            return result;
        });
    }

    private static void add(Map<String, Set<String>> uses, String group, String where) {
        if (group.isEmpty() || !GROUP_ID.matcher(group).matches()) {
            return;
        }
        uses.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(where);
    }
}
