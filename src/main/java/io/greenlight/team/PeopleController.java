package io.greenlight.team;

import io.greenlight.notify.DeliveryChannel;
import io.greenlight.notify.NotificationEvent;
import io.greenlight.notify.Preferences;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/me/settings} (my notification choices and time zone), {@code /api/users/{id}/absences} (the user or a
 * manager) and {@code /api/users/{id}/deactivate} (administrators).
 */
@RestController
public class PeopleController {

    private final Preferences preferences;
    private final UserAccounts accounts;
    private final Absences absences;
    private final PeopleService people;
    private final Offboarding offboarding;

    public PeopleController(Preferences preferences, UserAccounts accounts, Absences absences, PeopleService people,
                            Offboarding offboarding) {
        this.preferences = preferences;
        this.accounts = accounts;
        this.absences = absences;
        this.people = people;
        this.offboarding = offboarding;
    }

    public record AbsenceView(long id, String userId, String backup, OffsetDateTime from, OffsetDateTime to, String note,
                              String setBy) {
        static AbsenceView of(Absence a) {
            return new AbsenceView(a.getId(), a.getUserId(), a.getBackupId(), a.getStartsAt(), a.getEndsAt(), a.getNote(),
                    a.getSetBy());
        }
    }

    /** {@code preferences}: event key → channel key ({@code in-app}, {@code email}) → on. */
    public record SettingsView(String timeZone, Map<String, Map<String, Boolean>> preferences, List<AbsenceView> absences) {
    }

    public record SettingsChange(String timeZone, Map<String, Map<String, Boolean>> preferences) {
    }

    @GetMapping("/api/me/settings")
    public SettingsView settings() {
        String me = CurrentUser.get().id();
        Map<String, Map<String, Boolean>> prefs = new LinkedHashMap<>();
        preferences.of(me).forEach((event, row) -> {
            Map<String, Boolean> r = new LinkedHashMap<>();
            row.forEach((channel, on) -> r.put(channel.key(), on));
            prefs.put(event.key(), r);
        });
        return new SettingsView(accounts.zoneOf(me).getId(), prefs, absences.of(me).stream().map(AbsenceView::of).toList());
    }

    @PutMapping("/api/me/settings")
    public SettingsView change(@RequestBody SettingsChange change) {
        String me = CurrentUser.get().id();
        if (change.preferences() != null) {
            change.preferences().forEach((eventKey, row) -> {
                NotificationEvent event = NotificationEvent.of(eventKey).filter(NotificationEvent.choosable()::contains)
                        .orElseThrow(() -> UserFacingException.invalid("Unknown event '" + eventKey + "'."));
                (row == null ? Map.<String, Boolean>of() : row).forEach((channelKey, on) -> {
                    DeliveryChannel channel = DeliveryChannel.of(channelKey).filter(c -> c != DeliveryChannel.CHAT)
                            .orElseThrow(() -> UserFacingException.invalid("Unknown channel '" + channelKey + "'; use in-app or email."));
                    if (on == null) {
                        throw UserFacingException.invalid("Say true or false for " + eventKey + "/" + channelKey + ".");
                    }
                    preferences.set(me, event, channel, on);
                });
            });
        }
        if (change.timeZone() != null) {
            try {
                accounts.setTimeZone(me, change.timeZone());
            } catch (IllegalArgumentException e) {
                throw UserFacingException.invalid(e.getMessage());
            }
        }
        return settings();
    }

    @PostMapping("/api/users/{userId}/absences")
    @ResponseStatus(HttpStatus.CREATED)
    public AbsenceView absence(@PathVariable String userId, @RequestBody AbsenceForm form) {
        return AbsenceView.of(people.setAbsence(CurrentUser.get(), userId, form));
    }

    @PostMapping("/api/users/{userId}/deactivate")
    public Offboarding.Result deactivate(@PathVariable String userId) {
        return offboarding.deactivate(CurrentUser.get(), userId);
    }
}
