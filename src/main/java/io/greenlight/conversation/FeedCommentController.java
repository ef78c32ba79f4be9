package io.greenlight.conversation;

import io.greenlight.engine.UserFacingException;
import io.greenlight.web.PageController;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public comment form under each entry of the local feed (no sign-in). */
@PageController
class FeedCommentController {

    private final FeedComments comments;

    FeedCommentController(FeedComments comments) {
        this.comments = comments;
    }

    @PostMapping("/feed/comments")
    String comment(@RequestParam(required = false) String postId, @RequestParam(required = false) String key,
                   @RequestParam(required = false) String name, @RequestParam(required = false) String text,
                   RedirectAttributes redirect) {
        try {
            comments.comment(postId, key, name, text);
            redirect.addFlashAttribute("flashSuccess", "Thank you: your comment is in. We answer within a day.");
        } catch (UserFacingException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            redirect.addFlashAttribute("flashErrors", e.errors());
        }
        return "redirect:/feed";
    }
}
