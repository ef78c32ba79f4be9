package io.greenlight.external;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes "a user task with the form {@code external-review}" an external stage, keyed by form and never by element id
 * (as {@code io.greenlight.process.PostProcessParseListener} does for {@code review-post}). The listener is built in,
 * so "skip custom listeners" on /engine-rest cannot bypass it.
 */
@Component
public class ExternalReviewEnginePlugin implements ProcessEnginePlugin {

    private final ObjectProvider<ExternalReviewTaskListener> listener;

    public ExternalReviewEnginePlugin(ObjectProvider<ExternalReviewTaskListener> listener) {
        this.listener = listener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> parseListeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        parseListeners.add(new FormKeyedListener(listener));
        configuration.setCustomPostBPMNParseListeners(parseListeners);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }

    static final class FormKeyedListener extends AbstractBpmnParseListener {

        private final ObjectProvider<ExternalReviewTaskListener> listener;

        FormKeyedListener(ObjectProvider<ExternalReviewTaskListener> listener) {
            this.listener = listener;
        }

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            String formRef = userTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
            if (!ExternalReviews.FORM.equals(formRef) || !(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
                return;
            }
            TaskDefinition task = behavior.getTaskDefinition();
            TaskListener lazy = delegateTask -> listener.getObject().notify(delegateTask);
            for (String event : List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE)) {
                task.addBuiltInTaskListener(event, lazy);
            }
        }
    }
}
