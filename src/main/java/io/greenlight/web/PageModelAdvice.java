package io.greenlight.web;

import io.greenlight.security.CurrentUser;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page needs: the signed-in user (or null). Applies to page controllers and Spring Boot's
 * error page, never to {@code @RestController}s. Features add their own parts of the layout the same way (the bell's
 * count: {@code io.greenlight.notify.UnreadCountAdvice}).
 */
@ControllerAdvice(annotations = PageController.class, assignableTypes = BasicErrorController.class)
public class PageModelAdvice {

    @ModelAttribute
    public void layout(Model model) {
        model.addAttribute("currentUser", CurrentUser.get());
    }
}
