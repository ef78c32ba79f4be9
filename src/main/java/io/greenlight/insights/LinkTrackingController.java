package io.greenlight.insights;

import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The per-post opt-out of click counting: the author or a manager decides, before the post is published. */
@PageController
public class LinkTrackingController {

    private final PostRepository posts;
    private final LinkTracking tracking;

    public LinkTrackingController(PostRepository posts, LinkTracking tracking) {
        this.posts = posts;
        this.tracking = tracking;
    }

    @PostMapping("/posts/{id}/link-tracking")
    public String set(@PathVariable String id, @RequestParam(defaultValue = "true") boolean track,
                      RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        Post post = id.length() > 36 ? null : posts.findById(id).orElse(null);
        if (post == null) {
            throw UserFacingException.notFound("There is no post " + id + ".");
        }
        if (!post.mayBeChangedBy(user)) {
            throw UserFacingException.forbidden("Only the author or a manager can change how this post's links are counted.");
        }
        tracking.set(id, track, user.id());
        redirect.addFlashAttribute("flashSuccess", track
                ? "Links of this post go through Greenlight's short links (clicks are counted, nothing personal is stored)."
                : "Links of this post are published as written (no click counting).");
        return "redirect:/posts/" + id;
    }
}
