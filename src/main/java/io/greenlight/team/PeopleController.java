package io.greenlight.team;

import io.greenlight.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;

/**
 * {@code /api/users/{id}/absences} (the user or a manager) and {@code /api/users/{id}/deactivate} (administrators).
 * My own settings ({@code /api/me/settings}) are {@code io.greenlight.notify.MySettingsController}.
 */
@RestController
public class PeopleController {

    private final PeopleService people;
    private final Offboarding offboarding;

    public PeopleController(PeopleService people, Offboarding offboarding) {
        this.people = people;
        this.offboarding = offboarding;
    }

    public record AbsenceView(long id, String userId, String backup, OffsetDateTime from, OffsetDateTime to, String note,
                              String setBy) {
        public static AbsenceView of(Absence a) {
            return new AbsenceView(a.getId(), a.getUserId(), a.getBackupId(), a.getStartsAt(), a.getEndsAt(), a.getNote(),
                    a.getSetBy());
        }
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
