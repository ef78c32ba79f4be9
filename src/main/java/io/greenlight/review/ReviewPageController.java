package io.greenlight.review;

import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * The review screen: one page per review task with the post as each network shows it, its timeline, discussion and
 * diff, and the decision. Deciding claims the task for the user first, in the same transaction, so a refused decision
 * (a comment missing, four-eyes) leaves the task as it was.
 */
@PageController
public class ReviewPageController {

    private final ReviewScreen screens;
    private final ReviewInbox inbox;
    private final TransactionTemplate transaction;

    public ReviewPageController(ReviewScreen screens, ReviewInbox inbox, PlatformTransactionManager transactions) {
        this.screens = screens;
        this.inbox = inbox;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping("/review/{taskId}")
    @Transactional(readOnly = true)
    public String show(@PathVariable String taskId, Model model) {
        Task task = screens.reviewTask(taskId);
        if (!ReviewScreen.isReview(task)) {
            return "redirect:/inbox/tasks/" + taskId;
        }
        return render(screens.of(CurrentUser.get(), taskId), null, null, null, model);
    }

    /** From the post page: the post's open review task, the one this user may decide first. */
    @GetMapping("/review/post/{postId}")
    public String ofPost(@PathVariable String postId, RedirectAttributes redirect) {
        if (postId.length() > 64) {
            throw UserFacingException.notFound("There is no such post.");
        }
        return screens.reviewTaskOf(CurrentUser.get(), postId).map(id -> "redirect:/review/" + id).orElseGet(() -> {
            redirect.addFlashAttribute("flashError", "This post waits for no review right now.");
            return "redirect:/posts/" + postId;
        });
    }

    @PostMapping("/review/{taskId}/decide")
    public String decide(@PathVariable String taskId, @RequestParam(required = false) String decision,
                         @RequestParam(required = false) String comment, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        ReviewScreen.Screen before = screens.of(user, taskId);
        String cleanDecision = decision == null || decision.isBlank() ? null : decision.strip();
        String cleanComment = comment == null || comment.isBlank() ? null : comment;
        List<String> queue = screens.queue(user);
        try {
            transaction.executeWithoutResult(tx -> {
                // the engine's rules refuse whatever is wrong; the claim rolls back with them
                if (before.assignee() == null) {
                    inbox.claim(user, taskId);
                }
                inbox.complete(user, taskId, cleanDecision, cleanComment);
            });
        } catch (UserFacingException e) {
            return refused(e.status(), e.getMessage(), taskId, cleanDecision, comment, model, response);
        } catch (AuthorizationException e) {
            return refused(HttpStatus.FORBIDDEN, e.getMessage(), taskId, cleanDecision, comment, model, response);
        } catch (FormFieldValidationException | BadUserRequestException e) {
            return refused(HttpStatus.BAD_REQUEST, e.getMessage(), taskId, cleanDecision, comment, model, response);
        }
        String what = Decision.of(cleanDecision).map(Decision::label).orElse("Decided");
        redirect.addFlashAttribute("flashSuccess", what + ": \"" + before.post().getTitle() + "\".");
        return screens.after(queue, taskId, user).map(next -> "redirect:/review/" + next).orElse("redirect:/inbox");
    }

    private String refused(HttpStatus status, String message, String taskId, String decision, String comment,
                           Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        return render(screens.of(CurrentUser.get(), taskId), message, decision, comment, model);
    }

    private static String render(ReviewScreen.Screen screen, String formError, String decision, String comment, Model model) {
        model.addAttribute("screen", screen);
        model.addAttribute("post", screen.post());
        model.addAttribute("decisions", Decision.values());
        model.addAttribute("formError", formError);
        model.addAttribute("draftDecision", decision);
        model.addAttribute("draftComment", comment);
        return "review/screen";
    }
}
