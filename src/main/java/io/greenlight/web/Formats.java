package io.greenlight.web;

import io.greenlight.engine.EngineClock;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.UserAccounts;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * Date and time formatting for the pages, used in templates as {@code ${@fmt.dateTime(x)}}. Every page writes a
 * point in time the same way, in the reader's time zone (their settings; the default zone for visitors), with the
 * zone named: "2026-05-01 09:30 CEST". A post's publishing time may also be shown in its audience's zone
 * ({@link #inZone}). The machine-readable instant goes into {@code <time datetime>} ({@link #iso}).
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", java.util.Locale.ENGLISH);
    private static final String ZONE_ATTRIBUTE = Formats.class.getName() + ".zone";

    private final UserAccounts accounts;

    public Formats(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /** The reader's time zone, looked up once per request. */
    public ZoneId zone() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ZONE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ZoneId zone) {
            return zone;
        }
        CurrentUser me = CurrentUser.get();
        ZoneId zone = me == null ? accounts.defaultZone() : accounts.zoneOf(me.id());
        if (request != null) {
            request.setAttribute(ZONE_ATTRIBUTE, zone, RequestAttributes.SCOPE_REQUEST);
        }
        return zone;
    }

    /** ISO-8601 instant for a {@code datetime} attribute, or empty. */
    public String iso(Object value) {
        Instant instant = instant(value);
        return instant == null ? "" : instant.toString();
    }

    /** "2026-05-01 09:30 UTC" (in the reader's zone), or empty. */
    public String dateTime(Object value) {
        Instant instant = instant(value);
        if (instant == null) {
            return "";
        }
        java.time.ZonedDateTime at = instant.atZone(zone());
        return DATE_TIME.format(at) + " " + ZONE.format(at);
    }

    /** "09:30" in the reader's zone, for a time on a day already shown (the calendar's grid). */
    public String time(Object value) {
        Instant instant = instant(value);
        return instant == null ? "" : DateTimeFormatter.ofPattern("HH:mm").format(instant.atZone(zone()));
    }

    /** A time shown in the given IANA zone: "2026-05-01 09:30 (Europe/Berlin)". */
    public String inZone(Object value, String zone) {
        Instant instant = instant(value);
        if (instant == null) {
            return "";
        }
        try {
            ZoneId id = ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone);
            return DATE_TIME.format(instant.atZone(id)) + " (" + id.getId() + ")";
        } catch (DateTimeException e) {
            return dateTime(instant);
        }
    }

    /** A problem as people read it: "scheduledAt: out of range." becomes "Scheduled at: out of range." */
    public String plainError(String error) {
        return error == null ? "" : PageExceptionHandler.plain(error);
    }

    /**
     * The problems of a refused form that concern one field ("title: a title is required."), in plain words, or null:
     * for {@code layout :: fieldError(name)} next to the field.
     */
    public String fieldError(Object errors, String field) {
        if (!(errors instanceof java.util.Collection<?> list) || field == null) {
            return null;
        }
        String joined = list.stream().map(String::valueOf).filter(e -> e.startsWith(field + ": "))
                .map(e -> e.substring(field.length() + 2)).map(e -> e.isEmpty() ? e : Character.toUpperCase(e.charAt(0)) + e.substring(1))
                .collect(java.util.stream.Collectors.joining(" "));
        return joined.isEmpty() ? null : joined;
    }

    /** True when the time lies before the engine's clock. */
    public boolean isPast(Object value) {
        Instant instant = instant(value);
        return instant != null && instant.isBefore(EngineClock.now().toInstant());
    }

    /** "in 3 h", "in 2 days", "5 min ago", measured against the engine's clock. */
    public String relative(Object value) {
        Instant instant = instant(value);
        if (instant == null) {
            return "";
        }
        Duration d = Duration.between(EngineClock.now().toInstant(), instant);
        boolean future = !d.isNegative();
        Duration abs = d.abs();
        String amount;
        if (abs.toMinutes() < 1) {
            return "now";
        } else if (abs.toHours() < 1) {
            amount = abs.toMinutes() + " min";
        } else if (abs.toDays() < 2) {
            amount = abs.toHours() + " h";
        } else {
            amount = abs.toDays() + " days";
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** A status for people: IN_REVIEW becomes "In review". */
    public String label(Object status) {
        if (status == null) {
            return "";
        }
        String s = status.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The CSS modifier of a status badge: IN_REVIEW becomes "in-review". */
    public String badge(Object status) {
        return status == null ? "" : status.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** A number with thousands separators, as the server's messages write them: 5,000. */
    public String number(Number n) {
        return n == null ? "" : String.format(java.util.Locale.ROOT, "%,d", n.longValue());
    }

    /** The lines of a text (a diff), for line-by-line rendering. */
    public java.util.List<String> lines(String text) {
        return text == null ? java.util.List.of() : java.util.List.of(text.split("\n", -1));
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof TemporalAccessor t) {
            return Instant.from(t);
        }
        throw new IllegalArgumentException("Not a point in time: " + value.getClass().getName());
    }
}
