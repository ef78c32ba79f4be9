package io.greenlight.web;

import io.greenlight.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, and the start page: a writer's posts, or a reviewer's inbox. */
@PageController
public class HomeController {

    @GetMapping("/login")
    public String login() {
        if (CurrentUser.get() != null) {
            return "redirect:/";
        }
        return "login";
    }

    @GetMapping("/")
    public String home() {
        CurrentUser user = CurrentUser.get();
        return user != null && !user.canCompose() ? "redirect:/inbox" : "redirect:/posts";
    }
}
