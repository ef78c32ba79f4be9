package io.greenlight.notify;

import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import io.greenlight.team.Absences;
import io.greenlight.team.PeopleController.AbsenceView;
import io.greenlight.security.UserAccounts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/me/settings}: my notification choices, my time zone and my absences. */
@RestController
public class MySettingsController {

    private final Preferences preferences;
    private final UserAccounts accounts;
    private final Absences absences;

    public MySettingsController(Preferences preferences, UserAccounts accounts, Absences absences) {
        this.preferences = preferences;
        this.accounts = accounts;
        this.absences = absences;
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
        // everything is checked before anything is saved: a refused change changes nothing
        record Choice(NotificationEvent event, DeliveryChannel channel, boolean on) {
        }
        java.util.List<Choice> choices = new java.util.ArrayList<>();
        if (change.preferences() != null) {
            change.preferences().forEach((eventKey, row) -> {
                NotificationEvent event = NotificationEvent.of(eventKey).filter(NotificationEvent.choosable()::contains)
                        .orElseThrow(() -> UserFacingException.invalid("Unknown event '" + shorten(eventKey) + "'."));
                (row == null ? Map.<String, Boolean>of() : row).forEach((channelKey, on) -> {
                    DeliveryChannel channel = DeliveryChannel.of(channelKey).filter(c -> c != DeliveryChannel.CHAT)
                            .orElseThrow(() -> UserFacingException.invalid("Unknown channel '" + shorten(channelKey) + "'; use in-app or email."));
                    if (on == null) {
                        throw UserFacingException.invalid("Say true or false for " + eventKey + "/" + channelKey + ".");
                    }
                    choices.add(new Choice(event, channel, on));
                });
            });
        }
        if (change.timeZone() != null) {
            try {
                UserAccounts.parseZone(change.timeZone());
            } catch (IllegalArgumentException e) {
                throw UserFacingException.invalid(e.getMessage());
            }
        }
        choices.forEach(c -> preferences.set(me, c.event(), c.channel(), c.on()));
        if (change.timeZone() != null) {
            accounts.setTimeZone(me, change.timeZone());
        }
        return settings();
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

}
