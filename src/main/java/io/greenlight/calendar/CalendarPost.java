package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVariant;
import io.greenlight.security.CurrentUser;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A post as the calendar shows it: the few facts a cell, the list and the API need, without the post's texts.
 * {@code shownAt} is where it stands on the calendar ({@link CalendarTime}); {@code channels} are in channel order.
 */
record CalendarPost(String id, String title, PostStatus status, String campaign, String region, String author,
                    String timeZone, OffsetDateTime scheduledAt, List<String> channels, OffsetDateTime shownAt) {

    static CalendarPost of(Post post) {
        return new CalendarPost(post.getId(), post.getTitle(), post.getStatus(), post.getCampaign(), post.getRegion(),
                post.getAuthor(), post.getTimeZone(), post.getScheduledAt(), post.channels(),
                CalendarTime.of(post.getScheduledAt(), post.getVariants().stream().map(PostVariant::getPublishedAt).toList()));
    }

    boolean mayBeChangedBy(CurrentUser user) {
        return Post.mayBeChangedBy(user, author);
    }
}
