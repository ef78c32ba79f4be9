package io.greenlight.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one place where features' rules meet the engine: every {@link TaskListenerRegistration} and
 * {@link ProcessStartRegistration} bean is attached to whatever the process owner draws, at parse time, keyed by
 * form or process key. Also installs the {@link RefusalTranslator}, so a rule's refusal reaches every client as the
 * refusal it is. Runs before the other engine plugins.
 */
@Component
@Order(0)
public class TaskListenerRegistry implements ProcessEnginePlugin {

    private final ObjectProvider<TaskListenerRegistration> tasks;
    private final ObjectProvider<ProcessStartRegistration> starts;

    public TaskListenerRegistry(ObjectProvider<TaskListenerRegistration> tasks, ObjectProvider<ProcessStartRegistration> starts) {
        this.tasks = tasks;
        this.starts = starts;
    }

    /** Every task rule, in the order it runs. */
    public List<TaskListenerRegistration> taskRules() {
        return tasks.orderedStream().sorted(Comparator.comparingInt(TaskListenerRegistration::order)).toList();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> parseListeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        parseListeners.add(new Attach());
        configuration.setCustomPostBPMNParseListeners(parseListeners);

        List<CommandInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new RefusalTranslator());
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }

    private final class Attach extends AbstractBpmnParseListener {

        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
            starts.orderedStream().filter(s -> s.processKey().equals(definition.getKey())).forEach(s ->
                    definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                            (ExecutionListener) execution -> s.listener().get().notify(execution)));
        }

        @Override
        public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
                return;
            }
            String form = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
            TaskDefinition task = behavior.getTaskDefinition();
            for (TaskListenerRegistration rule : taskRules()) {
                if (!rule.forms().test(form)) {
                    continue;
                }
                TaskListener listener = rule.listener().apply(form);
                for (String event : rule.events()) {
                    task.addBuiltInTaskListener(event, listener);
                }
            }
        }
    }
}
