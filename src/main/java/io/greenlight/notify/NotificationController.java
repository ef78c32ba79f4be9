package io.greenlight.notify;

import io.greenlight.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;

@RestController
@RequestMapping("/api/notifications")
public class NotificationController {

    private final Notifications notifications;

    public NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    public record NotificationView(long id, String message, String postId, OffsetDateTime createdAt, boolean read) {
    }

    public record Inbox(long unread, List<NotificationView> items) {
    }

    @GetMapping
    public Inbox mine(@RequestParam(defaultValue = "50") int limit) {
        String me = CurrentUser.get().id();
        return new Inbox(notifications.unread(me), notifications.latest(me, limit).stream()
                .map(n -> new NotificationView(n.getId(), n.getMessage(), n.getPostId(), n.getCreatedAt(), n.isRead()))
                .toList());
    }

    @PostMapping("/read")
    public Inbox markRead() {
        notifications.markAllRead(CurrentUser.get().id());
        return mine(50);
    }
}
