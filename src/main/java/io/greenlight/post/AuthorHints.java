package io.greenlight.post;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;

/**
 * What the edit form tells the author ({@code ${@authorHints…}} in posts/form.html): the reviewer's change request,
 * pinned above the form while the post waits for its revision, and the review lead time
 * ({@code greenlight.review.lead-time}) that a publishing time should leave, so the form can ask before saving a time
 * that has passed or comes too soon.
 */
@Component("authorHints")
public class AuthorHints {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SystemAccess system;
    private final Duration leadTime;

    public AuthorHints(RuntimeService runtime, TaskService tasks, SystemAccess system,
                       @Value("${greenlight.review.lead-time:PT2H}") Duration leadTime) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.system = system;
        this.leadTime = leadTime;
    }

    /** The change request: what the reviewer wrote, who, when. */
    public record ChangeRequest(String feedback, String by, Date at) {
    }

    public Optional<ChangeRequest> changeRequest(Post post) {
        if (post == null || post.getStatus() != PostStatus.CHANGES_REQUESTED || post.getProcessInstanceId() == null) {
            return Optional.empty();
        }
        return system.call(() -> {
            if (runtime.createProcessInstanceQuery().processInstanceId(post.getProcessInstanceId()).count() == 0) {
                return Optional.empty();
            }
            Object feedback = runtime.getVariable(post.getProcessInstanceId(), ProcessBindings.FEEDBACK);
            if (feedback == null || feedback.toString().isBlank()) {
                return Optional.empty();
            }
            Optional<Comment> said = tasks.getProcessInstanceComments(post.getProcessInstanceId()).stream()
                    .filter(c -> c.getFullMessage() != null && c.getFullMessage().endsWith(feedback.toString()))
                    .max(Comparator.comparing(Comment::getTime));
            return Optional.of(new ChangeRequest(feedback.toString(), said.map(Comment::getUserId).orElse(null),
                    said.map(Comment::getTime).orElse(null)));
        });
    }

    /** The review lead time in minutes (the form's timing check). */
    public long leadMinutes() {
        return leadTime.toMinutes();
    }

    /** "2 h" or "90 min", for the form's words. */
    public String leadText() {
        long minutes = leadTime.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
    }

    /** The engine's "now" (moved in tests), as an ISO instant for the form's timing check. */
    public String now() {
        return EngineClock.now().toInstant().toString();
    }
}
