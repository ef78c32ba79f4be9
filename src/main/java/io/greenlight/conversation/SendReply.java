package io.greenlight.conversation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${sendReply}}: sends the reply {@code replyId} to the conversation's network exactly once (draw it with
 * {@code asyncBefore} and a retry cycle; a reply already sent is skipped on a retry).
 */
@Component("sendReply")
class SendReply implements JavaDelegate {

    private final ReplySending sending;

    SendReply(ReplySending sending) {
        this.sending = sending;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object replyId = execution.getVariable(ConversationProcess.REPLY_ID);
        if (replyId == null) {
            throw new IllegalStateException("sendReply: there is no reply (variable replyId) to send");
        }
        sending.send(replyId.toString());
    }
}
