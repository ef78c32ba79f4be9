package io.greenlight.process;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

import java.util.function.Supplier;

/**
 * Attaches Greenlight's rules to whatever the process owner draws, keyed by form, never by element id:
 * every user task with form {@code review-post} gets the review rules, every one with {@code revise-post}
 * the resubmit rules, and the post process refuses starts that do not come from Greenlight's submit.
 * They are built-in listeners, so "skip custom listeners" on /engine-rest cannot bypass them.
 */
public class PostProcessParseListener extends AbstractBpmnParseListener {

    private final Supplier<TaskListener> reviewListener;
    private final Supplier<TaskListener> reviseListener;
    private final Supplier<ExecutionListener> startGuard;

    public PostProcessParseListener(Supplier<TaskListener> reviewListener, Supplier<TaskListener> reviseListener,
                                    Supplier<ExecutionListener> startGuard) {
        this.reviewListener = reviewListener;
        this.reviseListener = reviseListener;
        this.startGuard = startGuard;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (ProcessBindings.POST_PROCESS.equals(processDefinition.getKey())) {
            processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, new LazyExecutionListener(startGuard));
        }
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        String formRef = userTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
        if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) || formRef == null) {
            return;
        }
        TaskDefinition task = behavior.getTaskDefinition();
        if (ProcessBindings.REVIEW_FORM.equals(formRef)) {
            attach(task, reviewListener, TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
                    TaskListener.EVENTNAME_COMPLETE);
        } else if (ProcessBindings.REVISE_FORM.equals(formRef)) {
            attach(task, reviseListener, TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_COMPLETE);
        }
    }

    private static void attach(TaskDefinition task, Supplier<TaskListener> listener, String... events) {
        TaskListener lazy = delegateTask -> listener.get().notify(delegateTask);
        for (String event : events) {
            task.addBuiltInTaskListener(event, lazy);
        }
    }

    private record LazyExecutionListener(Supplier<ExecutionListener> target) implements ExecutionListener {
        @Override
        public void notify(org.camunda.bpm.engine.delegate.DelegateExecution execution) throws Exception {
            target.get().notify(execution);
        }
    }
}
