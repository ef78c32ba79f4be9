package io.greenlight.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The week and day views as an hourly grid: one row per hour (at least {@value #FIRST}:00 to {@value #LAST}:00, wider
 * when a post or a best time lies outside), one column per day; each cell holds the posts and best times of its hour.
 */
public record HourGrid(List<CalendarService.Day> days, List<Row> rows) {

    static final int FIRST = 7;
    static final int LAST = 21;

    /** One hour across the days; {@code cells} in the order of {@link #days()}. */
    public record Row(int hour, String label, String time, List<Cell> cells) {
    }

    public record Cell(LocalDate date, boolean past, boolean today, List<CalendarService.Entry> entries,
                       List<BestTimes.Suggestion> suggestions) {
    }

    static HourGrid of(CalendarService.Calendar cal) {
        if (cal.view() != CalendarService.View.WEEK && cal.view() != CalendarService.View.DAY) {
            return null;
        }
        List<CalendarService.Day> days = cal.weeks().stream().flatMap(List::stream).toList();
        int first = FIRST;
        int last = LAST;
        for (CalendarService.Day d : days) {
            for (CalendarService.Entry e : d.entries()) {
                int h = hour(e.localTime());
                first = Math.min(first, h);
                last = Math.max(last, h);
            }
            for (BestTimes.Suggestion s : d.suggestions()) {
                first = Math.min(first, s.time().getHour());
                last = Math.max(last, s.time().getHour());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int h = first; h <= last; h++) {
            int hour = h;
            List<Cell> cells = days.stream().map(d -> new Cell(d.date(), d.past(), d.today(),
                    d.entries().stream().filter(e -> hour(e.localTime()) == hour).toList(),
                    d.suggestions().stream().filter(s -> s.time().getHour() == hour).toList())).toList();
            rows.add(new Row(h, String.format("%02d:00", h), LocalTime.of(h, 0).toString(), cells));
        }
        return new HourGrid(days, rows);
    }

    private static int hour(String localTime) {
        return localTime == null || localTime.length() < 2 ? 0 : Integer.parseInt(localTime.substring(0, 2));
    }
}
