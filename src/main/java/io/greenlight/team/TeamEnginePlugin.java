package io.greenlight.team;

import io.greenlight.notify.TaskNotices;
import io.greenlight.process.ProcessBindings;
import io.greenlight.review.LateDecisionListener;
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
 * Issue 5: attaches {@link BackupRouting} and then {@link TaskNotices} to every user task of every diagram (and
 * {@link LateDecisionListener} to tasks with the form {@code late-post}), as
 * built-in listeners (so "skip custom listeners" cannot bypass them), keyed by form, never by element id.
 */
@Component
public class TeamEnginePlugin implements ProcessEnginePlugin {

    private final ObjectProvider<BackupRouting> routing;
    private final ObjectProvider<TaskNotices> notices;
    private final ObjectProvider<LateDecisionListener> late;

    public TeamEnginePlugin(ObjectProvider<BackupRouting> routing, ObjectProvider<TaskNotices> notices,
                            ObjectProvider<LateDecisionListener> late) {
        this.routing = routing;
        this.notices = notices;
        this.late = late;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
                    return;
                }
                String formRef = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
                boolean review = ProcessBindings.REVIEW_FORM.equals(formRef);
                boolean revision = ProcessBindings.REVISE_FORM.equals(formRef);
                TaskDefinition task = behavior.getTaskDefinition();
                TaskListener route = t -> routing.getObject().notify(t, review);
                TaskListener tell = t -> notices.getObject().notify(t, revision);
                for (String event : List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT)) {
                    task.addBuiltInTaskListener(event, route);
                    task.addBuiltInTaskListener(event, tell);
                }
                if (LateDecisionListener.FORM.equals(formRef)) {
                    TaskListener decide = t -> late.getObject().notify(t);
                    task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, decide);
                    task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, decide);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }
}
