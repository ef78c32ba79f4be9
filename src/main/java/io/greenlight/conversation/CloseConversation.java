package io.greenlight.conversation;

import io.greenlight.engine.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${closeConversation}}: closes the conversation; input {@code outcome}: {@code replied} or {@code no-reply}. */
@Component("closeConversation")
class CloseConversation implements JavaDelegate {

    private final ConversationRepository conversations;

    CloseConversation(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object outcome = execution.getVariableLocal(ConversationProcess.OUTCOME);
        Conversation.Status status = "replied".equals(String.valueOf(outcome)) ? Conversation.Status.REPLIED
                : Conversation.Status.NO_REPLY;
        conversations.findById(execution.getProcessBusinessKey()).ifPresent(c -> c.close(status, EngineClock.now()));
    }
}
