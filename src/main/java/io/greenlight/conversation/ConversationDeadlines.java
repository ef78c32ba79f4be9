package io.greenlight.conversation;

import io.greenlight.engine.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.Date;

/** {@code ${conversationDeadlines.reminder(execution)}}: half-way from receipt to {@code dueAt}, never in the past. */
@Component("conversationDeadlines")
public class ConversationDeadlines {

    public Date reminder(DelegateExecution execution) {
        Date due = (Date) execution.getVariable(ConversationProcess.DUE_AT);
        Object received = execution.getVariable(ConversationProcess.RECEIVED_AT);
        long now = EngineClock.now().toInstant().toEpochMilli();
        long from = received instanceof Date d ? d.getTime() : now;
        long half = from + (due.getTime() - from) / 2;
        return new Date(Math.max(half, Math.min(now, due.getTime())));
    }
}
