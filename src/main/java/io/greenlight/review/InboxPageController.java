package io.greenlight.review;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.post.VersionChanges;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The review inbox: tasks of the signed-in user and their groups; claim, decide, give back and resubmit. */
@PageController
@RequestMapping("/inbox")
public class InboxPageController {

    private final ReviewInbox inbox;
    private final VersionChanges versionChanges;

    public InboxPageController(ReviewInbox inbox, VersionChanges versionChanges) {
        this.inbox = inbox;
        this.versionChanges = versionChanges;
    }

    /** One read-only transaction for the whole page: its queries see one snapshot and cost one commit, not one each. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    @GetMapping
    public String inbox(@RequestParam(defaultValue = "0") int first, Model model) {
        ReviewInbox.Page page = inbox.of(CurrentUser.get(), first, ReviewInbox.DEFAULT_PAGE_SIZE);
        model.addAttribute("tasks", page.tasks());
        model.addAttribute("page", page);
        // what each resubmitted post changed, for the page's reviews at once (not one query per row while rendering)
        model.addAttribute("changesByPost", versionChanges.ofPosts(page.tasks().stream()
                .filter(t -> ProcessBindings.REVIEW_FORM.equals(t.form())).map(ReviewInbox.TaskView::postId).toList()));
        model.addAttribute("reviewForm", ProcessBindings.REVIEW_FORM);
        model.addAttribute("reviseForm", ProcessBindings.REVISE_FORM);
        model.addAttribute("decisions", Decision.values());
        return "inbox";
    }

    @PostMapping("/{taskId}/claim")
    public String claim(@PathVariable String taskId, RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        inbox.claim(user, taskId);
        ReviewInbox.TaskView task = inbox.get(user, taskId);
        redirect.addFlashAttribute("flashSuccess", "You claimed \"" + task.name() + "\" for \"" + task.title() + "\".");
        return "redirect:/inbox#task-" + taskId;
    }

    @PostMapping("/{taskId}/unclaim")
    public String unclaim(@PathVariable String taskId, RedirectAttributes redirect) {
        inbox.unclaim(CurrentUser.get(), taskId);
        redirect.addFlashAttribute("flashSuccess", "The task is back with its candidates.");
        return "redirect:/inbox";
    }

    /** Completes a task: a review with decision and comment, a revision with nothing (the resubmit). */
    @PostMapping("/{taskId}/complete")
    public String complete(@PathVariable String taskId, @RequestParam(required = false) String decision,
                           @RequestParam(required = false) String comment, HttpServletRequest request,
                           RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        ReviewInbox.TaskView task = inbox.get(user, taskId);
        String cleanDecision = decision == null || decision.isBlank() ? null : decision.strip();
        String cleanComment = comment == null || comment.isBlank() ? null : comment;
        try {
            inbox.complete(user, taskId, cleanDecision, cleanComment);
        } catch (AuthorizationException | FormFieldValidationException | UserFacingException e) {
            // keep what the reviewer typed: PageExceptionHandler adds the message to this same flash map
            Map<String, String> draft = new HashMap<>();
            draft.put("taskId", taskId);
            draft.put("decision", cleanDecision);
            draft.put("comment", comment);
            RequestContextUtils.getOutputFlashMap(request).put("draft", draft);
            throw e;
        }
        String what = ProcessBindings.REVISE_FORM.equals(task.form()) ? "Resubmitted"
                : Decision.of(cleanDecision).map(Decision::label).orElse("Completed");
        redirect.addFlashAttribute("flashSuccess", what + ": \"" + task.title() + "\".");
        return "redirect:/inbox";
    }
}
