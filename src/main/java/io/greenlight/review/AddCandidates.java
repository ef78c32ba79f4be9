package io.greenlight.review;

import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * {@code ${addCandidates}}: makes the groups named in the input parameter {@code groups} (comma-separated)
 * candidates of this post's open review tasks, without taking the task from anyone. Used for escalation.
 */
@Component("addCandidates")
public class AddCandidates implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        Object raw = execution.getVariableLocal("groups");
        if (raw == null) {
            throw new IllegalArgumentException("addCandidates needs the input parameter 'groups'");
        }
        List<String> groups = Arrays.stream(raw.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .initializeFormKeys().list()) {
            if (task.getCamundaFormRef() != null && ProcessBindings.REVIEW_FORM.equals(task.getCamundaFormRef().getKey())) {
                groups.forEach(group -> tasks.addCandidateGroup(task.getId(), group));
            }
        }
    }
}
