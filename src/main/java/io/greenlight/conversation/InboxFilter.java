package io.greenlight.conversation;

import java.time.OffsetDateTime;
import java.util.Locale;

/** The inbox's filters: channel, status ({@code open} by default, {@code closed}, {@code all}), priority, mine, overdue. */
public record InboxFilter(String channel, String status, String priority, boolean mine, boolean overdue) {

    public static InboxFilter of(String channel, String status, String priority, Boolean mine, Boolean overdue) {
        return new InboxFilter(blank(channel), status == null || status.isBlank() ? "open" : status.strip().toLowerCase(Locale.ROOT),
                blank(priority), Boolean.TRUE.equals(mine), Boolean.TRUE.equals(overdue));
    }

    boolean matches(Conversation c, String user, OffsetDateTime now) {
        if (channel != null && !channel.equals(c.getChannelKey())) {
            return false;
        }
        if ("open".equals(status) && !c.isOpen() || "closed".equals(status) && c.isOpen()) {
            return false;
        }
        if (priority != null && !priority.equals(c.getPriority())) {
            return false;
        }
        if (mine && !user.equals(c.getAssignee())) {
            return false;
        }
        return !overdue || c.isOverdue(now);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
