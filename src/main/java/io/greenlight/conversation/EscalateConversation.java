package io.greenlight.conversation;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * {@code ${escalateConversation}}: makes the groups of the input {@code groups} (comma-separated) candidates of the
 * conversation's open answer tasks (form {@code respond-conversation}), keeping whoever has it, and marks the
 * conversation escalated (the inbox shows it).
 */
@Component("escalateConversation")
class EscalateConversation implements JavaDelegate {

    private final ConversationRepository conversations;

    EscalateConversation(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object raw = execution.getVariableLocal("groups");
        if (raw == null) {
            throw new IllegalArgumentException("escalateConversation needs the input parameter 'groups'");
        }
        List<String> groups = Arrays.stream(raw.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).initializeFormKeys().list()) {
            if (task.getCamundaFormRef() != null && ConversationProcess.RESPOND_FORM.equals(task.getCamundaFormRef().getKey())) {
                groups.forEach(g -> tasks.addCandidateGroup(task.getId(), g));
            }
        }
        conversations.findById(execution.getProcessBusinessKey()).ifPresent(Conversation::escalate);
    }
}
