package io.greenlight.team;

import io.greenlight.engine.UserFacingException;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * An absence as entered: times from a {@code datetime-local} field (in the user's time zone) or ISO with an offset.
 */
public record AbsenceForm(String backup, String from, String to, String note) {

    public OffsetDateTime fromIn(ZoneId zone) {
        return parse(from, zone, "start");
    }

    public OffsetDateTime toIn(ZoneId zone) {
        return parse(to, zone, "end");
    }

    static OffsetDateTime parse(String value, ZoneId zone, String what) {
        if (value == null || value.isBlank()) {
            throw UserFacingException.invalid("An absence needs a " + what + ".");
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw UserFacingException.invalid("The " + what + " '" + v + "' is not a date and time like 2026-12-24T09:00.");
            }
        }
    }
}
