package io.greenlight.notify;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What a notification is about. The key is what the diagram writes as {@code template} and what users choose per
 * channel on their settings page; the defaults apply until a user changes them.
 */
public enum NotificationEvent {
    TASK_ASSIGNED("task-assigned", "Task for you", true, true),
    MENTION("mention", "You were mentioned", true, true),
    REMINDER("reminder", "Reminder", true, true),
    ESCALATION("escalation", "Escalation", true, true),
    CHANGES_REQUESTED("changes-requested", "Changes requested", true, true),
    APPROVED("approved", "Approved", true, false),
    PUBLISHED("published", "Published", true, false),
    PUBLISH_FAILED("publish-failed", "Publishing failed", true, true),
    CRISIS_PAUSE("crisis-pause", "Publishing paused", true, true),
    LATE_APPROVAL("late-approval", "Approved after its publishing time", true, true),
    DIGEST("digest", "Daily digest of pending approvals", false, true),
    INFO("info", "Notice", true, false);

    private final String key;
    private final String label;
    private final boolean inAppByDefault;
    private final boolean emailByDefault;

    NotificationEvent(String key, String label, boolean inAppByDefault, boolean emailByDefault) {
        this.key = key;
        this.label = label;
        this.inAppByDefault = inAppByDefault;
        this.emailByDefault = emailByDefault;
    }

    public String key() { return key; }
    public String label() { return label; }

    public boolean byDefault(DeliveryChannel channel) {
        return switch (channel) {
            case IN_APP -> inAppByDefault;
            case EMAIL -> emailByDefault;
            case CHAT -> true;
        };
    }

    public static Optional<NotificationEvent> of(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key == null ? null : key.strip())).findFirst();
    }

    /** The events a user may choose for (the generic notice and the digest's in-app copy are not offered). */
    public static Set<NotificationEvent> choosable() {
        return java.util.EnumSet.complementOf(java.util.EnumSet.of(INFO));
    }
}
