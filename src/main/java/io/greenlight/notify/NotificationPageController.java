package io.greenlight.notify;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

/** The notifications behind the bell. Viewing them marks them read; the unread ones are highlighted once. */
@PageController
public class NotificationPageController {

    static final int LIMIT = 100;

    private final Notifications notifications;
    private final NotificationLinks links;

    public NotificationPageController(Notifications notifications, NotificationLinks links) {
        this.notifications = notifications;
        this.links = links;
    }

    /** The list as it was (unread ones highlighted), where each entry opens (one query), then all marked read. */
    @GetMapping("/notifications")
    public String notifications(Model model) {
        String me = CurrentUser.get().id();
        List<Notification> latest = notifications.latest(me, LIMIT);
        model.addAttribute("notifications", latest);
        model.addAttribute("links", links.paths(latest.stream().map(Notification::getPostId).toList()));
        notifications.markAllRead(me);
        model.addAttribute("unreadCount", 0L);
        return "notifications";
    }
}
