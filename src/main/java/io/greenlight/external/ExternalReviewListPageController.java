package io.greenlight.external;

import io.greenlight.post.PostService;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A post's external review links for the team; managers revoke or resend them here. */
@PageController
@RequestMapping("/posts/{id}/external-reviews")
public class ExternalReviewListPageController {

    private final ExternalReviewLinks links;
    private final PostService posts;

    public ExternalReviewListPageController(ExternalReviewLinks links, PostService posts) {
        this.links = links;
        this.posts = posts;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(@PathVariable String id, Model model) {
        model.addAttribute("post", posts.get(id));
        model.addAttribute("links", links.list(id));
        return "external/links";
    }

    @PostMapping("/{linkId}/revoke")
    public String revoke(@PathVariable String id, @PathVariable String linkId, RedirectAttributes redirect) {
        ExternalReviewLinks.LinkView link = links.revoke(CurrentUser.get(), id, linkId);
        redirect.addFlashAttribute("flashSuccess", "The link for " + link.approverEmail() + " no longer works.");
        return "redirect:/posts/" + id + "/external-reviews";
    }

    @PostMapping("/{linkId}/resend")
    public String resend(@PathVariable String id, @PathVariable String linkId, RedirectAttributes redirect) {
        ExternalReviewLinks.LinkView link = links.resend(CurrentUser.get(), id, linkId);
        redirect.addFlashAttribute("flashSuccess", "A new link was sent to " + link.approverEmail() + "; older links no longer work.");
        return "redirect:/posts/" + id + "/external-reviews";
    }
}
