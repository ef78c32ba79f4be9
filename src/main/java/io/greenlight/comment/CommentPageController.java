package io.greenlight.comment;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The comment form on the post page. */
@PageController
public class CommentPageController {

    private final Comments comments;

    public CommentPageController(Comments comments) {
        this.comments = comments;
    }

    @PostMapping("/posts/{postId}/comments")
    public String add(@PathVariable String postId, @RequestParam(required = false) String body,
                      @RequestParam(required = false) Long parentId, RedirectAttributes redirect) {
        if (postId.length() > 36) {
            throw io.greenlight.engine.UserFacingException.notFound("There is no such post.");
        }
        comments.add(CurrentUser.get(), postId, parentId, body);
        redirect.addFlashAttribute("flashSuccess", "Comment posted.");
        return "redirect:/posts/" + postId + "#comments";
    }
}
