package io.greenlight.conversation;

import io.greenlight.channel.ContentRules;
import io.greenlight.channel.Violation;
import io.greenlight.engine.EngineRefusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * The rules on the conversation's tasks, attached by form (so a redrawn diagram keeps them):
 * <ul>
 *   <li>{@code respond-conversation}: the conversation follows the task (open, assigned); on complete the
 *       {@code outcome} is {@code reply} or {@code no-reply}, a reply has text within the network's limit (counted as
 *       the composer counts), and is stored as the reply to send ({@code replyId}, {@code replyWriter});</li>
 *   <li>{@code approve-reply}: four-eyes — the reply's writer may neither claim nor decide it; {@code decision} is
 *       {@code approve} or {@code changes}, changes need a comment (it becomes {@code feedback}).</li>
 * </ul>
 */
@Component
class ConversationTaskRules {

    static final int MAX_COMMENT = 4000;

    private final ConversationRepository conversations;
    private final ConversationReplyRepository replies;
    private final ContentRules content;

    ConversationTaskRules(ConversationRepository conversations, ConversationReplyRepository replies, ContentRules content) {
        this.conversations = conversations;
        this.replies = replies;
        this.content = content;
    }

    /** Who acts on a task: the authenticated user (Tasklist, our pages), else the task's assignee. */
    static String actor(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth != null && auth.getUserId() != null ? auth.getUserId() : task.getAssignee();
    }

    void respondCreated(DelegateTask task) {
        task.removeVariable(ConversationProcess.OUTCOME);
        conversation(task).status(Conversation.Status.OPEN);
    }

    void respondAssigned(DelegateTask task) {
        conversation(task).assign(task.getAssignee());
    }

    void respondCompleted(DelegateTask task) {
        Object outcome = task.getVariable(ConversationProcess.OUTCOME);
        Conversation c = conversation(task);
        if (ConversationProcess.NO_REPLY.equals(outcome)) {
            return;
        }
        if (!ConversationProcess.REPLY.equals(outcome)) {
            throw EngineRefusal.invalid("outcome: choose 'reply' or 'no-reply'.");
        }
        Object raw = task.getVariable(ConversationProcess.REPLY_TEXT);
        String text = raw == null ? "" : raw.toString().strip();
        if (text.isEmpty()) {
            throw EngineRefusal.invalid("replyText: write the reply (or choose 'no reply needed').");
        }
        if (text.indexOf('\0') >= 0) {
            throw EngineRefusal.invalid("replyText: contains a NUL character.");
        }
        List<Violation> problems = content.check(c.getChannelKey(), text, null);
        if (!problems.isEmpty()) {
            throw EngineRefusal.invalid("replyText: " + String.join(" ", problems.stream().map(Violation::message).toList()));
        }
        String writer = actor(task);
        if (writer == null) {
            throw EngineRefusal.invalid("Claim the task before you reply, so the reply has a writer.");
        }
        ConversationReply reply = replies.save(new ConversationReply(c.getId(), text, writer, io.greenlight.engine.EngineClock.now()));
        task.getExecution().setVariable(ConversationProcess.REPLY_ID, reply.getId());
        task.getExecution().setVariable(ConversationProcess.REPLY_WRITER, writer);
        task.getExecution().setVariable(ConversationProcess.REPLY_TEXT, text);
        c.status(Boolean.TRUE.equals(task.getVariable(ConversationProcess.APPROVAL_REQUIRED))
                ? Conversation.Status.AWAITING_APPROVAL : Conversation.Status.SENDING);
    }

    void approveCreated(DelegateTask task) {
        task.removeVariable(ConversationProcess.DECISION);
        task.removeVariable(ConversationProcess.COMMENT);
        conversation(task).status(Conversation.Status.AWAITING_APPROVAL);
    }

    void approveAssigned(DelegateTask task) {
        fourEyes(task, task.getAssignee());
    }

    void approveCompleted(DelegateTask task) {
        fourEyes(task, actor(task));
        Object decision = task.getVariable(ConversationProcess.DECISION);
        if (!Set.of("approve", "changes").contains(String.valueOf(decision))) {
            throw EngineRefusal.invalid("decision: choose 'approve' or 'changes'.");
        }
        Object raw = task.getVariable(ConversationProcess.COMMENT);
        String comment = raw == null ? "" : raw.toString().strip();
        if (comment.length() > MAX_COMMENT) {
            throw EngineRefusal.invalid("comment: at most " + MAX_COMMENT + " characters.");
        }
        ConversationReply reply = replies.findById(String.valueOf(task.getVariable(ConversationProcess.REPLY_ID)))
                .orElseThrow(() -> EngineRefusal.invalid("There is no reply to approve."));
        if ("changes".equals(decision)) {
            if (comment.isEmpty()) {
                throw EngineRefusal.invalid("comment: say what to change.");
            }
            task.getExecution().setVariable(ConversationProcess.FEEDBACK, comment);
            reply.changes();
        } else {
            reply.approve(actor(task));
            conversation(task).status(Conversation.Status.SENDING);
        }
    }

    private void fourEyes(DelegateTask task, String user) {
        Object writer = task.getVariable(ConversationProcess.REPLY_WRITER);
        if (user != null && writer != null && user.equals(writer.toString())) {
            throw EngineRefusal.forbidden("Four-eyes: you wrote this reply, so someone else must approve it.");
        }
    }

    private Conversation conversation(DelegateTask task) {
        String id = task.getExecution().getProcessBusinessKey();
        return conversations.findById(id).orElseThrow(() -> EngineRefusal.invalid("There is no conversation " + id + "."));
    }
}
