package io.greenlight.team;

import io.greenlight.engine.UserFacingException;
import io.greenlight.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The invited user's page (no sign-in: the link's secret is the credential, once): choose a password, then sign in.
 */
@PageController
public class InvitePageController {

    private final Invites invites;

    public InvitePageController(Invites invites) {
        this.invites = invites;
    }

    @GetMapping("/invite/{userId}/{token}")
    public String show(@PathVariable String userId, @PathVariable String token, Model model, HttpServletResponse response) {
        boolean valid = invites.valid(userId, token);
        model.addAttribute("userId", userId);
        model.addAttribute("token", token);
        model.addAttribute("valid", valid);
        if (!valid) {
            response.setStatus(404);
        }
        return "invite";
    }

    @PostMapping("/invite/{userId}/{token}")
    public String choose(@PathVariable String userId, @PathVariable String token, @RequestParam(defaultValue = "") String password,
                         @RequestParam(defaultValue = "") String confirm, Model model, HttpServletResponse response) {
        try {
            if (!password.equals(confirm)) {
                throw UserFacingException.invalid("The two passwords differ.", java.util.List.of("confirm: type the same password twice."));
            }
            invites.redeem(userId, token, password);
        } catch (UserFacingException e) {
            model.addAttribute("userId", userId);
            model.addAttribute("token", token);
            model.addAttribute("valid", invites.valid(userId, token));
            model.addAttribute("formError", e.getMessage());
            model.addAttribute("fieldError", e.errors().isEmpty() ? null : e.errors().get(0).substring(e.errors().get(0).indexOf(": ") + 2));
            response.setStatus(e.status().value());
            return "invite";
        }
        return "redirect:/login?invited";
    }
}
