package io.greenlight.publishing.recall;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Withdraw this post" on the post page. */
@PageController
class RecallPageController {

    private final PostRecalls recalls;

    public RecallPageController(PostRecalls recalls) {
        this.recalls = recalls;
    }

    @PostMapping("/posts/{id}/recall")
    public String recall(@PathVariable String id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        int channels = recalls.request(CurrentUser.get(), id, reason).size();
        redirect.addFlashAttribute("flashSuccess", "Withdrawing the post from " + channels + " channel"
                + (channels == 1 ? "" : "s") + ". The table below shows how far it got.");
        return "redirect:/posts/" + id;
    }
}
