package io.greenlight.review;

import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.process.EngineRefusal;
import io.greenlight.process.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import java.util.ArrayList;

/**
 * Built into every user task with form {@code review-post}, whatever the diagram calls it:
 * <ul>
 *   <li>create: clears the previous round's {@code decision} and {@code comment}, so a stale decision can
 *       never route this round; the post is "in review";</li>
 *   <li>assignment and complete: the four-eyes rule — nobody decides on a post they wrote (403);</li>
 *   <li>complete: {@code decision} must be approve | changes | reject, with a {@code comment} for changes
 *       and reject (400); the comment becomes a Camunda task comment, visible in Tasklist's history.</li>
 * </ul>
 */
@Component
public class ReviewTaskListener implements TaskListener {

    private final PostProgress progress;

    public ReviewTaskListener(PostProgress progress) {
        this.progress = progress;
    }

    @Override
    public void notify(DelegateTask task) {
        String postId = task.getExecution().getProcessBusinessKey();
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                task.getExecution().removeVariable(ProcessBindings.DECISION);
                task.getExecution().removeVariable(ProcessBindings.COMMENT);
                progress.inReview(postId);
            }
            case EVENTNAME_ASSIGNMENT -> {
                Post post = progress.require(postId);
                if (task.getAssignee() != null && post.isAuthor(task.getAssignee())) {
                    throw EngineRefusal.forbidden(fourEyes(post, task.getAssignee()));
                }
            }
            case EVENTNAME_COMPLETE -> complete(task, progress.require(postId));
            default -> { }
        }
    }

    private void complete(DelegateTask task, Post post) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String decider = auth != null ? auth.getUserId() : task.getAssignee();
        if (decider != null && post.isAuthor(decider)) {
            throw EngineRefusal.forbidden(fourEyes(post, decider));
        }
        if (task.getAssignee() != null && post.isAuthor(task.getAssignee())) {
            throw EngineRefusal.forbidden(fourEyes(post, task.getAssignee()));
        }
        Object raw = task.getVariable(ProcessBindings.DECISION);
        Decision decision = Decision.of(raw).orElseThrow(() -> EngineRefusal.invalid(
                "'decision' must be one of approve, changes or reject" + (raw == null ? " and is missing." : "; got '" + raw + "'.")));
        Object rawComment = task.getVariable(ProcessBindings.COMMENT);
        String comment = rawComment instanceof String s ? s.strip() : null;
        if (rawComment != null && !(rawComment instanceof String)) {
            throw EngineRefusal.invalid("'comment' must be text.");
        }
        if (decision.commentRequired() && (comment == null || comment.isEmpty())) {
            throw EngineRefusal.invalid("A comment is required when you " + (decision == Decision.REJECT
                    ? "reject a post" : "request changes") + ": tell the author why.");
        }
        if (comment != null && comment.length() > 4000) {
            throw EngineRefusal.invalid("The comment is too long (at most 4,000 characters).");
        }
        String message = decision.label() + (comment == null || comment.isEmpty() ? "" : ": " + comment);
        Context.getCommandContext().runWithoutAuthorization(() -> task.getProcessEngineServices().getTaskService()
                .createComment(task.getId(), task.getProcessInstanceId(), message));
        if (decision == Decision.CHANGES) {
            task.getExecution().setVariable(ProcessBindings.FEEDBACK, comment);
        }
        // Variables submitted with the form cannot redirect the post: restore what only Greenlight sets.
        task.getExecution().setVariable(ProcessBindings.AUTHOR, post.getAuthor());
        task.getExecution().setVariable(ProcessBindings.POST_ID, post.getId());
        task.getExecution().setVariable(ProcessBindings.CHANNELS, org.camunda.bpm.engine.variable.Variables
                .objectValue(new ArrayList<>(post.channels()))
                .serializationDataFormat(org.camunda.bpm.engine.variable.Variables.SerializationDataFormats.JSON).create());
    }

    private static String fourEyes(Post post, String user) {
        return "Four-eyes rule: " + user + " wrote \"" + post.getTitle()
                + "\" and cannot review it. Another reviewer has to decide.";
    }
}
