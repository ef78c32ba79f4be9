package io.greenlight.calendar;

import io.greenlight.post.PostStatus;
import io.greenlight.engine.EngineClock;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The content calendar: the posts of a month, week, day or list period in the viewer's time zone (each post's own zone
 * shown when it differs), what still needs approval and what goes out when, and the best times for empty days.
 */
@Service
@Transactional(readOnly = true)
public class CalendarService {

    public enum View { MONTH, WEEK, DAY, LIST }

    static final Set<PostStatus> NEEDS_APPROVAL = Set.of(PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.CHANGES_REQUESTED);
    static final Set<PostStatus> MOVABLE = Set.of(PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.CHANGES_REQUESTED,
            PostStatus.SCHEDULED);
    /** How many posts without a time the calendar lists (the most recently changed first). */
    static final int UNSCHEDULED_SHOWN = 30;
    /** Posts a month cell and a week cell show; the rest are a "+ N more" link to the day. */
    static final int MONTH_CELL = 6;
    static final int WEEK_CELL = 25;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final CalendarQuery period;
    private final CalendarPosts posts;
    private final BestTimes bestTimes;

    public CalendarService(CalendarQuery period, CalendarPosts posts, BestTimes bestTimes) {
        this.period = period;
        this.posts = posts;
        this.bestTimes = bestTimes;
    }

    /** A post on the calendar. {@code localTime} is in the viewer's zone; {@code ownTime} in the post's, if different. */
    public record Entry(String postId, String title, PostStatus status, List<String> channels, String campaign,
                        String region, String author, OffsetDateTime at, String isoAt, LocalDate day, String localTime,
                        String postZone, String ownTime, String phase, boolean needsApproval, boolean movable,
                        boolean approved) {
    }

    /** A calendar cell: its first entries (a month or week cell shows a bounded number) and how many more it has. */
    public record Day(LocalDate date, boolean inPeriod, boolean today, boolean past, List<Entry> entries, int more,
                      List<BestTimes.Suggestion> suggestions) {
    }

    public record Summary(long needsApproval, long approved, long published, long other) {
    }

    public record Calendar(View view, LocalDate date, ZoneId zone, LocalDate from, LocalDate to, String heading,
                           LocalDate previous, LocalDate next, List<List<Day>> weeks, List<Entry> entries,
                           List<Entry> unscheduled, Summary summary) {
    }

    public Calendar build(CurrentUser user, View view, LocalDate date, ZoneId zone, CalendarFilter filter) {
        LocalDate today = EngineClock.now().atZoneSameInstant(zone).toLocalDate();
        LocalDate day = date == null ? today : date;
        if (day.getYear() < 1970 || day.getYear() > 9000) {
            throw UserFacingException.invalid("date: pick a date between 1970 and 9000.");
        }
        LocalDate from;
        LocalDate to;
        LocalDate previous;
        LocalDate next;
        String heading;
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        switch (view) {
            case MONTH -> {
                LocalDate first = day.withDayOfMonth(1);
                from = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                to = first.plusMonths(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
                previous = first.minusMonths(1);
                next = first.plusMonths(1);
                heading = first.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH));
            }
            case WEEK -> {
                from = monday;
                to = monday.plusDays(7);
                previous = monday.minusWeeks(1);
                next = monday.plusWeeks(1);
                heading = "Week of " + monday.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
            }
            case DAY -> {
                from = day;
                to = day.plusDays(1);
                previous = day.minusDays(1);
                next = day.plusDays(1);
                heading = day.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH));
            }
            default -> {
                from = monday;
                to = monday.plusWeeks(4);
                previous = monday.minusWeeks(4);
                next = monday.plusWeeks(4);
                heading = monday.format(DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)) + " – "
                        + to.minusDays(1).format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH));
            }
        }
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.atStartOfDay(zone).toOffsetDateTime();
        List<Entry> entries = period.between(start, end, filter).stream().map(p -> entry(p, zone, user)).toList();
        Map<LocalDate, List<Entry>> byDay = entries.stream()
                .collect(Collectors.groupingBy(Entry::day, LinkedHashMap::new, Collectors.toList()));
        List<BestTimes.Suggestion> suggestions = bestTimes.suggestions(zone, filter.channel());
        List<List<Day>> weeks = new ArrayList<>();
        if (view != View.LIST) {
            List<Day> week = new ArrayList<>();
            for (LocalDate cursor = from; cursor.isBefore(to); cursor = cursor.plusDays(1)) {
                LocalDate d = cursor;
                List<Entry> onDay = byDay.getOrDefault(d, List.of());
                boolean past = d.isBefore(today);
                Set<String> used = onDay.stream().flatMap(e -> e.channels().stream()).collect(Collectors.toSet());
                List<BestTimes.Suggestion> free = past ? List.of()
                        : suggestions.stream().filter(s -> !used.contains(s.channel()))
                          .filter(s -> !d.equals(today) || s.time().isAfter(EngineClock.now().atZoneSameInstant(zone).toLocalTime()))
                          .toList();
                boolean inPeriod = view != View.MONTH || d.getMonth() == day.getMonth();
                int shown = Math.min(onDay.size(), view == View.MONTH ? MONTH_CELL : view == View.WEEK ? WEEK_CELL : onDay.size());
                week.add(new Day(d, inPeriod, d.equals(today), past, onDay.subList(0, shown), onDay.size() - shown, free));
                if (week.size() == 7 || view == View.DAY) {
                    weeks.add(week);
                    week = new ArrayList<>();
                }
            }
            if (!week.isEmpty()) {
                weeks.add(week);
            }
        }
        List<Entry> unscheduled = posts.unscheduled(NEEDS_APPROVAL, filter, user.isManager() ? null : user.id(), UNSCHEDULED_SHOWN)
                .stream().map(p -> entry(CalendarPost.of(p), zone, user)).toList();
        Summary summary = new Summary(
                entries.stream().filter(Entry::needsApproval).count(),
                entries.stream().filter(Entry::approved).count(),
                entries.stream().filter(e -> e.status() == PostStatus.PUBLISHED).count(),
                entries.stream().filter(e -> !e.needsApproval() && !e.approved() && e.status() != PostStatus.PUBLISHED).count());
        return new Calendar(view, day, zone, from, to, heading, previous, next, weeks, entries, unscheduled, summary);
    }

    Entry entry(CalendarPost p, ZoneId zone, CurrentUser user) {
        OffsetDateTime at = p.shownAt();
        ZonedDateTime local = at == null ? null : at.atZoneSameInstant(zone);
        String ownTime = null;
        ZoneId own = zone(p.timeZone(), zone);
        if (local != null && !own.equals(zone)) {
            ZonedDateTime there = at.atZoneSameInstant(own);
            ownTime = (there.toLocalDate().equals(local.toLocalDate()) ? there.format(TIME) : there.format(DAY_TIME))
                    + " " + own.getId();
        }
        boolean needsApproval = NEEDS_APPROVAL.contains(p.status());
        boolean approved = p.status() == PostStatus.SCHEDULED;
        String when = local == null ? "as soon as approved" : local.format(DAY_TIME);
        String phase = switch (p.status()) {
            case DRAFT -> "Draft: submit it for approval";
            case IN_REVIEW -> "Waiting for approval";
            case CHANGES_REQUESTED -> "Changes requested: the author revises it";
            case SCHEDULED -> "Approved: goes out " + when;
            case PUBLISHING -> "Going out now";
            case PUBLISHED -> "Published " + (local == null ? "" : local.format(DAY_TIME));
            case REJECTED -> "Rejected";
            case FAILED -> "Failed to publish";
        };
        boolean movable = MOVABLE.contains(p.status()) && p.mayBeChangedBy(user);
        return new Entry(p.id(), p.title(), p.status(), p.channels(), p.campaign(), p.region(),
                p.author(), at, at == null ? "" : at.toInstant().toString(),
                local == null ? null : local.toLocalDate(), local == null ? "" : local.format(TIME), own.getId(), ownTime,
                phase, needsApproval, movable, approved);
    }

    /**
     * The filter's choices. {@code select distinct} reads every post, so they are kept for a minute: a region or
     * author new in the last minute appears in the filter a little later, and a calendar view costs the same with
     * 10,000 or 100,000 posts (docs/performance.md).
     */
    public List<String> regions() {
        return regions.get(posts::regions);
    }

    public List<String> authors() {
        return authors.get(posts::authors);
    }

    private final Recent regions = new Recent();
    private final Recent authors = new Recent();

    /** A list read at most once a minute. */
    static final class Recent {
        private static final long TTL_NANOS = java.time.Duration.ofMinutes(1).toNanos();
        private volatile List<String> value;
        private volatile long readAt;

        List<String> get(java.util.function.Supplier<List<String>> read) {
            List<String> v = value;
            if (v == null || System.nanoTime() - readAt > TTL_NANOS) {
                v = List.copyOf(read.get());
                value = v;
                readAt = System.nanoTime();
            }
            return v;
        }
    }

    static ZoneId zone(String zone, ZoneId fallback) {
        try {
            return zone == null || zone.isBlank() ? fallback : ZoneId.of(zone.strip());
        } catch (java.time.DateTimeException e) {
            return fallback;
        }
    }
}
