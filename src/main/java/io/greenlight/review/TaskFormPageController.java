package io.greenlight.review;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.camunda.bpm.engine.task.Task;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The inbox page of one task: its own Camunda Form, rendered by form-js as in Tasklist. Reviews have their screen. */
@PageController
public class TaskFormPageController {

    private final ReviewScreen screens;
    private final ReviewInbox inbox;

    public TaskFormPageController(ReviewScreen screens, ReviewInbox inbox) {
        this.screens = screens;
        this.inbox = inbox;
    }

    @GetMapping("/inbox/tasks/{taskId}")
    public String form(@PathVariable String taskId, Model model) {
        Task task = screens.reviewTask(taskId);
        if (ReviewScreen.isReview(task)) {
            return "redirect:/review/" + taskId;
        }
        model.addAttribute("task", inbox.get(CurrentUser.get(), taskId));
        return "review/task-form";
    }
}
