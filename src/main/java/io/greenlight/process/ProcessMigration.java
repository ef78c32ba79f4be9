package io.greenlight.process;

import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Moves in-flight posts to a new version of their process with Camunda's migration API (Cockpit's migration
 * screen is not in the community edition). Activities map by id; a timer keeps its due date unless its definition
 * changed between the versions. The dry-run says which instances can move and why the others cannot; those
 * finish on their old version.
 */
@Service
public class ProcessMigration {

    public record InstanceCheck(String processInstanceId, String businessKey, List<String> waitingIn, boolean canMove,
                                String reason) {
    }

    public record DryRun(ProcessDefinition source, ProcessDefinition target, List<String> planProblems,
                         List<String> timersRecomputed, List<InstanceCheck> instances) {
        public long movable() {
            return instances.stream().filter(InstanceCheck::canMove).count();
        }
    }

    public record Result(List<String> moved, List<InstanceCheck> stayed) {
    }

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final SystemAccess system;

    public ProcessMigration(RuntimeService runtime, RepositoryService repository, SystemAccess system) {
        this.runtime = runtime;
        this.repository = repository;
        this.system = system;
    }

    public DryRun dryRun(String sourceDefinitionId, String targetDefinitionId) {
        return system.call(() -> check(sourceDefinitionId, targetDefinitionId));
    }

    /** Migrates every instance the dry-run finds movable; the others stay (and are listed). */
    public Result migrate(String sourceDefinitionId, String targetDefinitionId) {
        return migrate(sourceDefinitionId, targetDefinitionId, null);
    }

    /** Like {@link #migrate(String, String)}, limited to these instances (null: all). */
    public Result migrate(String sourceDefinitionId, String targetDefinitionId, java.util.Collection<String> only) {
        return system.call(() -> {
            DryRun dry = check(sourceDefinitionId, targetDefinitionId);
            List<String> ids = dry.instances().stream().filter(InstanceCheck::canMove).map(InstanceCheck::processInstanceId)
                    .filter(id -> only == null || only.contains(id)).toList();
            List<InstanceCheck> stayed = new ArrayList<>(dry.instances().stream().filter(i -> !i.canMove()).toList());
            if (ids.isEmpty() || !dry.planProblems().isEmpty()) {
                return new Result(List.of(), dry.instances());
            }
            try {
                runtime.newMigration(plan(sourceDefinitionId, targetDefinitionId)).processInstanceIds(ids).execute();
                return new Result(ids, stayed);
            } catch (MigratingProcessInstanceValidationException e) {
                List<InstanceCheck> all = new ArrayList<>(stayed);
                ids.forEach(id -> all.add(new InstanceCheck(id, null, List.of(), false, e.getMessage())));
                return new Result(List.of(), all);
            }
        });
    }

    private DryRun check(String sourceId, String targetId) {
        ProcessDefinition source = repository.getProcessDefinition(sourceId);
        ProcessDefinition target = repository.getProcessDefinition(targetId);
        if (!source.getKey().equals(target.getKey())) {
            throw new IllegalArgumentException("Both versions must be of the same process.");
        }
        List<String> problems = new ArrayList<>();
        Set<String> mapped = new LinkedHashSet<>();
        List<String> recomputed = new ArrayList<>();
        try {
            MigrationPlan plan = plan(sourceId, targetId);
            for (MigrationInstruction i : plan.getInstructions()) {
                mapped.add(i.getSourceActivityId());
                if (i.isUpdateEventTrigger()) {
                    recomputed.add(i.getSourceActivityId());
                }
            }
        } catch (MigrationPlanValidationException e) {
            problems.add(e.getMessage());
        }
        List<InstanceCheck> checks = new ArrayList<>();
        for (ProcessInstance pi : runtime.createProcessInstanceQuery().processDefinitionId(sourceId).active().list()) {
            Set<String> waiting = new LinkedHashSet<>();
            collect(runtime.getActivityInstance(pi.getId()), waiting, true);
            List<String> missing = waiting.stream().filter(a -> !mapped.contains(a)).toList();
            String reason = !problems.isEmpty() ? "The versions cannot be mapped: " + problems.get(0)
                    : missing.isEmpty() ? null
                    : "waits in " + String.join(", ", missing.stream().map(a -> "'" + a + "'").toList())
                    + ", which version " + target.getVersion() + " does not have";
            checks.add(new InstanceCheck(pi.getId(), pi.getBusinessKey(), List.copyOf(waiting), reason == null, reason));
        }
        for (ProcessInstance pi : runtime.createProcessInstanceQuery().processDefinitionId(sourceId).suspended().list()) {
            checks.add(new InstanceCheck(pi.getId(), pi.getBusinessKey(), List.of(), false, "suspended"));
        }
        return new DryRun(source, target, problems, recomputed, checks);
    }

    private static void collect(ActivityInstance instance, Set<String> into, boolean root) {
        if (!root && instance.getActivityId() != null) {
            into.add(instance.getActivityId());
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collect(child, into, false);
        }
        for (TransitionInstance t : instance.getChildTransitionInstances()) {
            into.add(t.getActivityId());
        }
    }

    /** Equal ids map; a timer whose definition changed gets a new trigger (due date), the others keep theirs. */
    MigrationPlan plan(String sourceId, String targetId) {
        MigrationPlan probe = runtime.createMigrationPlan(sourceId, targetId).mapEqualActivities().build();
        BpmnModelInstance sourceModel = repository.getBpmnModelInstance(sourceId);
        BpmnModelInstance targetModel = repository.getBpmnModelInstance(targetId);
        MigrationPlanBuilder builder = runtime.createMigrationPlan(sourceId, targetId);
        for (MigrationInstruction i : probe.getInstructions()) {
            var instruction = builder.mapActivities(i.getSourceActivityId(), i.getTargetActivityId());
            String before = timer(sourceModel.getModelElementById(i.getSourceActivityId()));
            String after = timer(targetModel.getModelElementById(i.getTargetActivityId()));
            if (before != null && after != null && !Objects.equals(before, after)) {
                instruction.updateEventTrigger();
            }
            builder = instruction;
        }
        return builder.build();
    }

    private static String timer(ModelElementInstance element) {
        if (!(element instanceof Event event)) {
            return null;
        }
        for (ModelElementInstance child : event.getChildElementsByType(TimerEventDefinition.class)) {
            TimerEventDefinition t = (TimerEventDefinition) child;
            return text(t.getTimeDate()) + "|" + text(t.getTimeDuration()) + "|" + text(t.getTimeCycle());
        }
        return null;
    }

    private static String text(ModelElementInstance e) {
        return e == null ? "" : e.getTextContent().strip();
    }
}
