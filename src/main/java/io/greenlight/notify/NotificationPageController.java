package io.greenlight.notify;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The notifications behind the bell. Viewing them marks them read; the unread ones are highlighted once. */
@PageController
public class NotificationPageController {

    static final int LIMIT = 100;

    private final Notifications notifications;

    public NotificationPageController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    public String notifications(Model model) {
        String me = CurrentUser.get().id();
        model.addAttribute("notifications", notifications.latest(me, LIMIT));
        notifications.markAllRead(me);
        model.addAttribute("unreadCount", 0L);
        return "notifications";
    }
}
