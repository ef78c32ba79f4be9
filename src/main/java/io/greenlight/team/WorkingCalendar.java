package io.greenlight.team;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A team's clock: its time zone and, optionally, working hours on working days except holidays. With working hours an
 * SLA counts only working time ("24 h" of a team working 09:00–17:00 = three working days); without, an SLA is
 * elapsed time. Wall-clock arithmetic happens in the team's zone, so a daylight-saving change never moves the
 * working window.
 */
public record WorkingCalendar(ZoneId zone, boolean workingHours, LocalTime start, LocalTime end, Set<DayOfWeek> days,
                              Set<LocalDate> holidays) {

    /** Around the clock, every day: an SLA is elapsed time. */
    public static WorkingCalendar always(ZoneId zone) {
        return new WorkingCalendar(zone, false, LocalTime.MIN, LocalTime.MAX, EnumSet.allOf(DayOfWeek.class), Set.of());
    }

    public static WorkingCalendar of(TeamSettings team) {
        ZoneId zone = ZoneId.of(team.getTimeZone());
        if (!team.isWorkingHours()) {
            return always(zone);
        }
        return new WorkingCalendar(zone, true, LocalTime.parse(team.getWorkStart()), LocalTime.parse(team.getWorkEnd()),
                days(team.getWorkDays()), holidays(team.getHolidays()));
    }

    public WorkingCalendar {
        if (workingHours && !start.isBefore(end)) {
            throw new IllegalArgumentException("Working hours must start before they end (" + start + "–" + end + ")");
        }
        if (workingHours && days.isEmpty()) {
            throw new IllegalArgumentException("A working week needs at least one working day");
        }
    }

    /** When {@code sla} of this team's time has passed after {@code from}. */
    public Instant plus(Instant from, Duration sla) {
        if (!workingHours) {
            return from.plus(sla);
        }
        Duration left = sla;
        ZonedDateTime cursor = from.atZone(zone);
        for (int guard = 0; guard < 3660; guard++) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime open = day.atTime(start).atZone(zone);
                ZonedDateTime close = day.atTime(end).atZone(zone);
                ZonedDateTime begin = cursor.isAfter(open) ? cursor : open;
                if (begin.isBefore(close)) {
                    Duration available = Duration.between(begin, close);
                    if (available.compareTo(left) >= 0) {
                        return begin.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("No working time within ten years: check the team's working days and holidays");
    }

    public boolean isWorkingDay(LocalDate day) {
        return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    public static Set<DayOfWeek> days(String spec) {
        if (spec == null || spec.isBlank()) {
            return EnumSet.noneOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String token : spec.split(",")) {
            String t = token.strip().toUpperCase();
            if (t.isEmpty()) {
                continue;
            }
            days.add(Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(t) && t.length() >= 2).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + token.strip() + "' is not a day of the week (MON, TUE, …)")));
        }
        return days;
    }

    public static Set<LocalDate> holidays(String spec) {
        if (spec == null || spec.isBlank()) {
            return Set.of();
        }
        try {
            return Arrays.stream(spec.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).map(LocalDate::parse)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Holidays are dates like 2026-12-25, separated by commas");
        }
    }
}
