package io.greenlight.publishing.pause;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The crisis pause page: everyone sees the state and its history; managers pause and resume. */
@PageController
class PublishingPageController {

    private final PublishingPause pause;

    public PublishingPageController(PublishingPause pause) {
        this.pause = pause;
    }

    @GetMapping("/publishing")
    @Transactional(readOnly = true)
    public String page(Model model) {
        CurrentUser user = CurrentUser.get();
        model.addAttribute("state", pause.current());
        model.addAttribute("manager", user != null && user.isManager());
        model.addAttribute("history", user != null && user.isManager() ? pause.history() : java.util.List.of());
        return "publishing";
    }

    @PostMapping("/publishing/pause")
    public String pause(@RequestParam(required = false) String reason, RedirectAttributes redirect) {
        PublishingPause.PauseView view = pause.pause(manager(), reason);
        redirect.addFlashAttribute("flashSuccess", "Publishing is paused; " + view.held() + " posts are held.");
        return "redirect:/publishing";
    }

    @PostMapping("/publishing/resume")
    public String resume(@RequestParam(required = false) String mode, RedirectAttributes redirect) {
        PublishingPause.ResumeResult result = pause.resume(manager(), mode);
        redirect.addFlashAttribute("flashSuccess", "Publishing resumed: " + result.backToReview() + " posts back to review, "
                + result.publishing() + " publish as scheduled.");
        return "redirect:/publishing";
    }

    private static CurrentUser manager() {
        CurrentUser user = CurrentUser.get();
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers can pause or resume publishing.");
        }
        return user;
    }
}
