package io.greenlight.conversation;

import io.greenlight.engine.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;

/**
 * {@code ${applyTriage}}: takes the triage table's row ({@code triage}: priority, team, sla, approvalRequired) and
 * sets them as variables, with {@code dueAt} = received + sla (the table's, else {@code greenlight.community.sla},
 * 24 h), on the conversation too.
 */
@Component("applyTriage")
class ApplyTriage implements JavaDelegate {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'");

    private final ConversationRepository conversations;
    private final Duration defaultSla;

    ApplyTriage(ConversationRepository conversations, @Value("${greenlight.community.sla:PT24H}") Duration defaultSla) {
        this.conversations = conversations;
        this.defaultSla = defaultSla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<?, ?> row = execution.getVariable(ConversationProcess.TRIAGE) instanceof Map<?, ?> m ? m : Map.of();
        String priority = text(row.get(ConversationProcess.PRIORITY), "normal");
        String team = text(row.get(ConversationProcess.TEAM), "community");
        Duration sla = sla(row.get(ConversationProcess.SLA));
        boolean approval = Boolean.TRUE.equals(row.get(ConversationProcess.APPROVAL_REQUIRED));
        Object received = execution.getVariable(ConversationProcess.RECEIVED_AT);
        Date from = received instanceof Date d ? d : Date.from(EngineClock.now().toInstant());
        Date due = new Date(from.getTime() + sla.toMillis());
        execution.setVariable(ConversationProcess.PRIORITY, priority);
        execution.setVariable(ConversationProcess.TEAM, team);
        execution.setVariable(ConversationProcess.SLA, sla.toString());
        execution.setVariable(ConversationProcess.APPROVAL_REQUIRED, approval);
        execution.setVariable(ConversationProcess.DUE_AT, due);
        execution.setVariable(ConversationProcess.DUE_AT_TEXT, TEXT.format(due.toInstant().atOffset(ZoneOffset.UTC)));
        conversations.findById(execution.getProcessBusinessKey()).ifPresent(c ->
                c.triaged(priority, team, due.toInstant().atOffset(ZoneOffset.UTC)));
    }

    private Duration sla(Object value) {
        if (value != null && !value.toString().isBlank()) {
            try {
                return Duration.parse(value.toString().strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("conversation-triage: the sla '" + value + "' is not an ISO-8601 duration such as PT24H");
            }
        }
        return defaultSla;
    }

    private static String text(Object value, String fallback) {
        return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
    }
}
