package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostVariant;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * When a post stands on the calendar: once it went out, the moment its first channel published it (a post approved
 * "as soon as possible" has no scheduled time, and a late approval goes out after it); before that, its scheduled
 * time. The database query ({@link CalendarPosts#onCalendarBetween}) selects by the same rule.
 */
final class CalendarTime {

    private CalendarTime() {
    }

    static OffsetDateTime of(Post post) {
        return post.getVariants().stream().map(PostVariant::getPublishedAt).filter(Objects::nonNull)
                .min(OffsetDateTime::compareTo).orElse(post.getScheduledAt());
    }
}
