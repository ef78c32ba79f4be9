package io.greenlight.calendar;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Objects;

/**
 * When a post stands on the calendar: once it went out, the moment its first channel published it (a post approved
 * "as soon as possible" has no scheduled time, and a late approval goes out after it); before that, its scheduled
 * time. The database query ({@link CalendarQuery#between}) selects the candidates by the same rule.
 */
final class CalendarTime {

    private CalendarTime() {
    }

    /** {@code publishedAt}: each channel's publication time, null for a channel not published. */
    static OffsetDateTime of(OffsetDateTime scheduledAt, Collection<OffsetDateTime> publishedAt) {
        return publishedAt.stream().filter(Objects::nonNull).min(OffsetDateTime::compareTo).orElse(scheduledAt);
    }
}
