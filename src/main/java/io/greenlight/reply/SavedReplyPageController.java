package io.greenlight.reply;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.TreeSet;

/** Saved replies and templates: search, write, change and delete, per team. */
@PageController
@RequestMapping("/replies")
public class SavedReplyPageController {

    private final SavedReplies replies;

    public SavedReplyPageController(SavedReplies replies) {
        this.replies = replies;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) Long edit, Model model) {
        CurrentUser user = CurrentUser.get();
        model.addAttribute("replies", replies.search(user, q, null, 200));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("teams", new TreeSet<>(user.groups()));
        model.addAttribute("editing", edit == null ? null : replies.get(user, edit));
        return "replies/list";
    }

    @PostMapping
    public String create(@RequestParam(required = false) String title, @RequestParam(required = false) String body,
                         @RequestParam(required = false) String team, @RequestParam(required = false) String kind,
                         Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            replies.create(CurrentUser.get(), new SavedReplies.Command(title, body, team, kind));
        } catch (UserFacingException e) {
            return invalid(e, model, response);
        }
        redirect.addFlashAttribute("flashSuccess", "Saved '" + title.strip() + "'.");
        return "redirect:/replies";
    }

    @PostMapping("/{id}")
    public String update(@PathVariable Long id, @RequestParam(required = false) String title,
                         @RequestParam(required = false) String body, @RequestParam(required = false) String team,
                         @RequestParam(required = false) String kind, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        try {
            replies.update(CurrentUser.get(), id, new SavedReplies.Command(title, body, team, kind));
        } catch (UserFacingException e) {
            return invalid(e, model, response);
        }
        redirect.addFlashAttribute("flashSuccess", "Saved.");
        return "redirect:/replies";
    }

    @PostMapping("/{id}/delete")
    public String delete(@PathVariable Long id, RedirectAttributes redirect) {
        replies.delete(CurrentUser.get(), id);
        redirect.addFlashAttribute("flashSuccess", "Deleted.");
        return "redirect:/replies";
    }

    private String invalid(UserFacingException e, Model model, HttpServletResponse response) {
        if (e.status() != HttpStatus.BAD_REQUEST) {
            throw e;
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("flashError", "Not saved: " + e.getMessage());
        model.addAttribute("flashErrors", e.errors());
        return list(null, null, model);
    }
}
