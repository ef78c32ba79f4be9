package io.greenlight.insights;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.UserFacingException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the dashboards look at: a period of whole UTC days {@code [from, to]} (default: this month so far), and
 * optionally one campaign and one region. Approval numbers count tasks that <em>ended</em> in the period; content
 * numbers count variants <em>published</em> in it.
 */
public record InsightsFilter(LocalDate from, LocalDate to, String campaign, String region) {

    /** The longest period one request may ask for (the queries aggregate in SQL, but a bound keeps them honest). */
    static final int MAX_DAYS = 3 * 366;

    public static InsightsFilter thisMonth() {
        LocalDate today = EngineClock.now().toLocalDate();
        return new InsightsFilter(today.withDayOfMonth(1), today, null, null);
    }

    /** The seven days before the given day (Monday's report covers Monday to Sunday of the week before). */
    public static InsightsFilter weekBefore(LocalDate day) {
        return new InsightsFilter(day.minusDays(7), day.minusDays(1), null, null);
    }

    /** Parses request parameters; bad input is a 400 with a message, never a stack trace. */
    public static InsightsFilter of(String from, String to, String campaign, String region) {
        InsightsFilter defaults = thisMonth();
        LocalDate f = date("from", from, defaults.from());
        LocalDate t = date("to", to, from == null || from.isBlank() ? defaults.to() : f.plusMonths(1).minusDays(1));
        if (t.isBefore(f)) {
            throw UserFacingException.invalid("The period ends (" + t + ") before it starts (" + f + ").");
        }
        if (ChronoUnit.DAYS.between(f, t) > MAX_DAYS) {
            throw UserFacingException.invalid("Choose a period of at most three years.");
        }
        return new InsightsFilter(f, t, text("campaign", campaign), text("region", region));
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw UserFacingException.invalid("'" + name + "' must be a date like 2026-11-01.");
        }
    }

    private static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            throw UserFacingException.invalid("'" + name + "' is too long.");
        }
        return value.strip();
    }

    public Instant start() {
        return from.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Exclusive end: the day after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The filter as query parameters (for CSV links and the e-mail's link back). */
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("from", from.toString());
        p.put("to", to.toString());
        if (campaign != null) {
            p.put("campaign", campaign);
        }
        if (region != null) {
            p.put("region", region);
        }
        return p;
    }

    /** The filter as a URL query string ("from=…&to=…"). */
    public String query() {
        StringBuilder q = new StringBuilder();
        params().forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return q.toString();
    }

    public String label() {
        return from + " – " + to + (campaign == null ? "" : " · campaign " + campaign)
                + (region == null ? "" : " · region " + region);
    }
}
