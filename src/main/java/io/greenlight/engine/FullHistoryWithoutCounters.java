package io.greenlight.engine;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * History level {@code full} — everything Camunda's FULL level records — except the multi-instance counters that
 * the engine keeps on every multi-instance activity ({@code nrOfInstances}, {@code nrOfActiveInstances},
 * {@code nrOfCompletedInstances}, {@code loopCounter}). Their history says nothing a reader of a post's history needs
 * (the activity instances say the same), yet each publication wrote ten rows of it: the *Publish to channel*
 * multi-instance creates, updates and deletes them for every post (docs/performance.md, the burst). The runtime
 * variables are untouched, so expressions and listeners that read them work as before.
 * <p>
 * It keeps FULL's id (3) and name ({@code full}), so a database set up with Camunda's FULL level starts with it and
 * back (Camunda stores only the id). Camunda picks the last level of that name among its own and the custom ones,
 * which is this one; {@code FullHistoryWithoutCountersTest} checks that it is the engine's level. Re-check on every
 * Camunda upgrade.
 */
@Component
public class FullHistoryWithoutCounters extends HistoryLevelFull implements ProcessEnginePlugin {

    /** Camunda's multi-instance counters ({@code MultiInstanceActivityBehavior}). */
    public static final Set<String> COUNTERS = Set.of("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances",
            "loopCounter");

    private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
            HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE,
            HistoryEventTypes.VARIABLE_INSTANCE_DELETE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL);

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (entity != null && VARIABLE_EVENTS.contains(eventType)) {
            String name = entity instanceof VariableInstanceEntity variable ? variable.getName()
                    : entity instanceof HistoricVariableUpdateEventEntity update ? update.getVariableName() : null;
            if (name != null && COUNTERS.contains(name)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        custom.add(this);
        configuration.setCustomHistoryLevels(custom);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }
}
