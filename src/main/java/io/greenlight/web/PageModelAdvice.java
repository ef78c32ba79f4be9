package io.greenlight.web;

import io.greenlight.notify.Notifications;
import io.greenlight.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page needs: the signed-in user (or null) and the number of unread notifications for
 * the bell. Applies to page controllers and Spring Boot's error page, never to {@code @RestController}s.
 */
@ControllerAdvice(annotations = PageController.class, assignableTypes = BasicErrorController.class)
public class PageModelAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(PageModelAdvice.class);

    private final Notifications notifications;

    public PageModelAdvice(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute
    public void layout(Model model) {
        CurrentUser user = CurrentUser.get();
        model.addAttribute("currentUser", user);
        long unread = 0;
        if (user != null) {
            try {
                unread = notifications.unread(user.id());
            } catch (RuntimeException e) {
                // The bell must never break a page, least of all the error page.
                LOG.warn("Could not count unread notifications for {}: {}", user.id(), e.toString());
            }
        }
        model.addAttribute("unreadCount", unread);
    }
}
