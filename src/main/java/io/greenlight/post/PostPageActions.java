package io.greenlight.post;

import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Submit and resubmit as the pages do them, from the post page's buttons or the composer's "save and submit": the
 * action, its flash message and the way back to the post page.
 */
@Component
class PostPageActions {

    private final PostService posts;
    private final RevisionTasks revisions;

    PostPageActions(PostService posts, RevisionTasks revisions) {
        this.posts = posts;
        this.revisions = revisions;
    }

    String submit(String id, RedirectAttributes redirect) {
        posts.submit(CurrentUser.get(), id);
        redirect.addFlashAttribute("flashSuccess", "Submitted for review. Reviewers have been given a task.");
        return "redirect:/posts/" + id;
    }

    /** Completes the open revision task of the post: the author's answer to "changes requested". */
    String resubmit(String id, RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        Post post = posts.get(id);
        post.requireMayChange(user, "resubmit");
        String taskId = revisions.openRevision(user, post).orElseThrow(() -> UserFacingException.conflict(
                "There is no open revision of this post that you can resubmit."));
        revisions.resubmit(user, taskId);
        redirect.addFlashAttribute("flashSuccess", "Resubmitted for review.");
        return "redirect:/posts/" + id;
    }
}
