package io.greenlight.conversation;

import io.greenlight.engine.EngineRefusal;
import io.greenlight.engine.ProcessStartRegistration;
import io.greenlight.engine.TaskListenerRegistration;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_ASSIGNMENT;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_COMPLETE;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE;

/** The conversation's rules on the diagram, by form: the answer and the four-eyes approval of a reply. */
@Configuration(proxyBeanMethods = false)
class ConversationEngineRules {

    @Bean
    TaskListenerRegistration respondRule(ObjectProvider<ConversationTaskRules> rules) {
        return TaskListenerRegistration.forForm("conversation answer: track it, check and store the reply",
                TaskListenerRegistration.STAGE_RULES, ConversationProcess.RESPOND_FORM, () -> (TaskListener) task -> {
                    switch (task.getEventName()) {
                        case EVENTNAME_CREATE -> rules.getObject().respondCreated(task);
                        case EVENTNAME_ASSIGNMENT -> rules.getObject().respondAssigned(task);
                        case EVENTNAME_COMPLETE -> rules.getObject().respondCompleted(task);
                        default -> { }
                    }
                }, EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT, EVENTNAME_COMPLETE);
    }

    /** A conversation process starts only for a stored conversation (its id as business key), i.e. from the inbox. */
    @Bean
    ProcessStartRegistration conversationStartRule(ObjectProvider<ConversationRepository> conversations) {
        return new ProcessStartRegistration("conversation process starts only from the community inbox",
                ConversationProcess.PROCESS, () -> (ExecutionListener) execution -> {
                    String key = execution.getProcessBusinessKey();
                    if (key == null || conversations.getObject().findById(key).isEmpty()) {
                        throw EngineRefusal.forbidden("A conversation starts when someone writes to us on a channel "
                                + "(the community inbox starts it), not from Tasklist or the engine's API.");
                    }
                });
    }

    @Bean
    TaskListenerRegistration approveReplyRule(ObjectProvider<ConversationTaskRules> rules) {
        return TaskListenerRegistration.forForm("reply approval: four-eyes, decision and comment",
                TaskListenerRegistration.STAGE_RULES, ConversationProcess.APPROVE_FORM, () -> (TaskListener) task -> {
                    switch (task.getEventName()) {
                        case EVENTNAME_CREATE -> rules.getObject().approveCreated(task);
                        case EVENTNAME_ASSIGNMENT -> rules.getObject().approveAssigned(task);
                        case EVENTNAME_COMPLETE -> rules.getObject().approveCompleted(task);
                        default -> { }
                    }
                }, EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT, EVENTNAME_COMPLETE);
    }
}
