package io.greenlight.team;

import io.greenlight.security.UserAccounts;
import io.greenlight.security.SecretBox;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.UserFacingException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Teams (= Camunda groups): time zone, working hours and holidays for SLA clocks, and the chat webhook. The groups
 * with review duty ({@code greenlight.team.review-groups}) must keep at least two active members.
 */
@Service
@Transactional
public class Teams {

    private final TeamSettingsRepository repository;
    private final SecretBox secrets;
    private final String defaultZone;
    private final List<String> reviewGroups;

    public Teams(TeamSettingsRepository repository, SecretBox secrets,
                 @Value("${greenlight.team.default-time-zone:UTC}") String defaultZone,
                 @Value("${greenlight.team.review-groups:reviewers,managers,legal,regional-lead,executive}") String reviewGroups) {
        this.repository = repository;
        this.secrets = secrets;
        this.defaultZone = ZoneId.of(defaultZone).getId();
        this.reviewGroups = Arrays.stream(reviewGroups.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The team's clock; a team without settings works around the clock in the default zone. */
    @Transactional(readOnly = true)
    public WorkingCalendar calendar(String groupId) {
        return settings(groupId).map(WorkingCalendar::of).orElseGet(() -> WorkingCalendar.always(ZoneId.of(defaultZone)));
    }

    @Transactional(readOnly = true)
    public Optional<TeamSettings> settings(String groupId) {
        return groupId == null ? Optional.empty() : repository.findById(groupId);
    }

    public List<String> reviewGroups() {
        return reviewGroups;
    }

    public TeamSettings saveHours(String groupId, String zone, boolean workingHours, String start, String end, String days,
                                  String holidays) {
        String z;
        try {
            z = UserAccounts.parseZone(zone).getId();
            LocalTime s = LocalTime.parse(start.strip());
            LocalTime e = LocalTime.parse(end.strip());
            // validates the whole calendar (start before end, days, holiday dates)
            new WorkingCalendar(ZoneId.of(z), workingHours, s, e, WorkingCalendar.days(days), WorkingCalendar.holidays(holidays));
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException ex) {
            throw UserFacingException.invalid(ex instanceof DateTimeParseException || ex instanceof NullPointerException
                    ? "Working hours are times like 09:00 and 17:00." : ex.getMessage());
        }
        TeamSettings team = repository.findById(groupId).orElseGet(() -> new TeamSettings(groupId, z, EngineClock.now()));
        team.timeZone(z, EngineClock.now());
        team.workingHours(workingHours, start.strip(), end.strip(), days == null ? "" : days.strip().toUpperCase(),
                holidays == null || holidays.isBlank() ? null : String.join(",", WorkingCalendar.holidays(holidays).stream().map(Object::toString).toList()),
                EngineClock.now());
        return repository.save(team);
    }

    /** Sets (or, with an empty URL, removes) the team's Slack-compatible incoming webhook and the events it gets. */
    public TeamSettings saveChat(String groupId, String webhookUrl, String events) {
        String url = webhookUrl == null ? "" : webhookUrl.strip();
        if (!url.isEmpty()) {
            try {
                URI uri = URI.create(url);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw UserFacingException.invalid("The chat webhook must be an http(s) URL, e.g. https://hooks.slack.com/services/…");
            }
        }
        TeamSettings team = repository.findById(groupId).orElseGet(() -> new TeamSettings(groupId, defaultZone, EngineClock.now()));
        team.chat(url.isEmpty() ? null : secrets.encrypt(url), events == null ? null : events.strip(), EngineClock.now());
        return repository.save(team);
    }

    /** Changes only which events the team's chat gets (the webhook stays). */
    public TeamSettings saveChatEvents(String groupId, String events) {
        TeamSettings team = repository.findById(groupId).orElseGet(() -> new TeamSettings(groupId, defaultZone, EngineClock.now()));
        team.chat(team.getChatWebhookEnc(), events == null ? null : events.strip(), EngineClock.now());
        return repository.save(team);
    }

    /** The team's webhook URL (decrypted) if it wants {@code event} in its chat. */
    @Transactional(readOnly = true)
    public Optional<String> chatWebhook(String groupId, String event) {
        return settings(groupId).filter(TeamSettings::hasChat)
                .filter(t -> t.getChatEvents() != null && Arrays.stream(t.getChatEvents().split(","))
                        .map(String::strip).anyMatch(e -> e.equals(event) || e.equals("*")))
                .map(t -> secrets.decrypt(t.getChatWebhookEnc()));
    }
}
