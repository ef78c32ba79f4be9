package io.greenlight.notify;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The bell in every page's layout: the signed-in user's unread notifications ({@code unreadCount}). */
@ControllerAdvice(annotations = PageController.class, assignableTypes = BasicErrorController.class)
class UnreadCountAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadCountAdvice.class);

    private final Notifications notifications;

    UnreadCountAdvice(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute
    void unreadCount(Model model) {
        CurrentUser user = CurrentUser.get();
        long unread = 0;
        if (user != null) {
            try {
                unread = notifications.unreadForBell(user.id());
            } catch (RuntimeException e) {
                // The bell must never break a page, least of all the error page.
                LOG.warn("Could not count unread notifications for {}: {}", user.id(), e.toString());
            }
        }
        model.addAttribute("unreadCount", unread);
    }
}
