package io.greenlight.notify;

import io.greenlight.engine.EngineClock;
import io.greenlight.team.Directory;
import io.greenlight.security.UserAccounts;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ${sendDigests}} (process {@code daily-digest}): sends each active user who wants the digest by
 * e-mail, once per local day, the tasks waiting for them (assigned, or offered to them or their groups) with due
 * dates and direct links — when their own time zone has passed {@code localTime} (input parameter, default
 * {@code 09:00}) by less than {@code catchUp} (default {@code PT3H}: a server that was down at nine still sends at
 * ten, never at night). The timer may fire as often as the owner likes: the {@code digest_sent} table keeps it to
 * one digest per user and local date. Nobody gets an empty digest.
 */
@Component("sendDigests")
public class SendDigests implements JavaDelegate {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private final Directory directory;
    private final UserAccounts accounts;
    private final Preferences preferences;
    private final Outbox outbox;
    private final MailContent content;
    private final Mailer mailer;
    private final JdbcTemplate jdbc;

    public SendDigests(Directory directory, UserAccounts accounts, Preferences preferences, Outbox outbox,
                       MailContent content, Mailer mailer, JdbcTemplate jdbc) {
        this.directory = directory;
        this.accounts = accounts;
        this.preferences = preferences;
        this.outbox = outbox;
        this.content = content;
        this.mailer = mailer;
        this.jdbc = jdbc;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object at = execution.getVariableLocal("localTime");
        Object window = execution.getVariableLocal("catchUp");
        LocalTime localTime = LocalTime.parse(at == null ? "09:00" : at.toString().strip());
        Duration catchUp = Duration.parse(window == null ? "PT3H" : window.toString().strip());
        int sent = send(localTime, catchUp, execution.getProcessEngineServices().getTaskService(),
                execution.getProcessEngineServices().getRuntimeService());
        execution.setVariable("digestsSent", sent);
    }

    int send(LocalTime localTime, Duration catchUp, TaskService tasks, RuntimeService runtime) {
        if (!mailer.available()) {
            return 0;
        }
        OffsetDateTime now = EngineClock.now();
        int sent = 0;
        for (Directory.Person person : directory.people()) {
            if (person.email() == null || person.email().isBlank() || !accounts.isActive(person.id())
                    || !preferences.wants(person.id(), NotificationEvent.DIGEST, DeliveryChannel.EMAIL)) {
                continue;
            }
            ZoneId zone = accounts.zoneOf(person.id());
            ZonedDateTime local = now.atZoneSameInstant(zone);
            ZonedDateTime due = local.toLocalDate().atTime(localTime).atZone(zone);
            if (local.isBefore(due) || !local.isBefore(due.plus(catchUp)) || alreadySent(person.id(), local.toLocalDate())) {
                continue;
            }
            List<Task> waiting = waitingFor(person, tasks);
            markSent(person.id(), local.toLocalDate(), now);
            if (waiting.isEmpty()) {
                continue;
            }
            queue(person, waiting, zone, runtime);
            sent++;
        }
        return sent;
    }

    private List<Task> waitingFor(Directory.Person person, TaskService tasks) {
        Map<String, Task> found = new LinkedHashMap<>();
        tasks.createTaskQuery().taskAssignee(person.id()).orderByDueDate().asc().list().forEach(t -> found.put(t.getId(), t));
        tasks.createTaskQuery().taskCandidateUser(person.id()).orderByDueDate().asc().list().forEach(t -> found.putIfAbsent(t.getId(), t));
        return new ArrayList<>(found.values());
    }

    private void queue(Directory.Person person, List<Task> waiting, ZoneId zone, RuntimeService runtime) {
        List<Map<String, String>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        text.append("Hello ").append(person.id()).append(",\n\n").append(waiting.size())
                .append(waiting.size() == 1 ? " approval is" : " approvals are").append(" waiting for you:\n\n");
        for (Task t : waiting) {
            String title = title(t, runtime);
            String due = t.getDueDate() == null ? "no due date" : DUE.format(t.getDueDate().toInstant().atZone(zone));
            String link = content.link(null, t.getId());
            rows.add(Map.of("task", t.getName(), "title", title, "due", due, "link", link));
            text.append("- ").append(t.getName()).append(": ").append(title).append(" (due ").append(due).append(")\n  ")
                    .append(link).append('\n');
        }
        text.append("\nYour review inbox: ").append(content.link(null, null).replace("/notifications", "/inbox"))
                .append("\n\n--\nGreenlight. Change your digest and time zone: ").append(content.settingsLink()).append('\n');
        String subject = "[Greenlight] " + waiting.size() + (waiting.size() == 1 ? " approval waits" : " approvals wait") + " for you";
        String html = content.html("Your pending approvals", person.id(),
                List.of(waiting.size() + (waiting.size() == 1 ? " approval is" : " approvals are") + " waiting for you (times in " + zone.getId() + ")."),
                content.link(null, null).replace("/notifications", "/inbox"), "Open your review inbox", rows);
        outbox.email(NotificationEvent.DIGEST.key(), person.id(), person.email(), subject, text.toString(), html, null);
    }

    private static String title(Task t, RuntimeService runtime) {
        if (t.getProcessInstanceId() == null) {
            return "";
        }
        Object title = runtime.getVariable(t.getProcessInstanceId(), "title");
        if (title != null) {
            return title.toString();
        }
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(t.getProcessInstanceId()).singleResult();
        return pi == null || pi.getBusinessKey() == null ? "" : pi.getBusinessKey();
    }

    private boolean alreadySent(String user, LocalDate date) {
        Integer n = jdbc.queryForObject("select count(*) from digest_sent where user_id = ? and local_date = ?", Integer.class,
                user, date);
        return n != null && n > 0;
    }

    private void markSent(String user, LocalDate date, OffsetDateTime now) {
        jdbc.update("insert into digest_sent (user_id, local_date, sent_at) values (?, ?, ?)", user, date, now);
    }
}
