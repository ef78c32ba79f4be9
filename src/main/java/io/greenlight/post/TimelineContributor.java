package io.greenlight.post;

import java.util.List;

/**
 * Something that adds entries to a post's timeline besides the engine's history (due dates, reminders,
 * escalations, backups, deliveries, comments). {@link PostTimeline} merges every contributor's entries by time.
 */
public interface TimelineContributor {

    List<PostTimeline.Entry> entries(Post post);
}
