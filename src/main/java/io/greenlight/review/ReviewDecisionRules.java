package io.greenlight.review;

import io.greenlight.engine.EngineRefusal;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.post.Post;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules every review decision follows, whoever decides and however (a reviewer's stage, a team member deciding an
 * external stage in Tasklist, the external approver through the link):
 * <ul>
 *   <li>four-eyes: nobody decides on, or claims the review of, a post they wrote, nor a second stage of a
 *       content version they approved in another stage;</li>
 *   <li>the decision is approve, changes or reject;</li>
 *   <li>changes and reject need a comment (text, at most 4,000 characters);</li>
 *   <li>a new round starts without the last round's decision and comment;</li>
 *   <li>a "changes" comment is the feedback the author's revision task shows.</li>
 * </ul>
 * Engine callers get {@link EngineRefusal}s with the messages below; the approver's page words the same rules itself.
 */
public final class ReviewDecisionRules {

    public static final int MAX_COMMENT = 4000;

    /** What can be wrong with a decision's comment. */
    public enum CommentProblem { MISSING, TOO_LONG }

    /** A decision and its comment (stripped; null when none was given). */
    public record Checked(Decision decision, String comment) {

        public boolean hasComment() {
            return comment != null && !comment.isEmpty();
        }

        /** The decision's label with {@code by} after it and the comment, if any: "Approved by ann: fine". */
        public String note(String by) {
            return decision.label() + by + (hasComment() ? ": " + comment : "");
        }
    }

    private ReviewDecisionRules() {
    }

    /** Who is deciding a task: the authenticated user (Tasklist, /engine-rest, our API), else the task's assignee. */
    public static String decider(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth != null ? auth.getUserId() : task.getAssignee();
    }

    /** Four-eyes: true when {@code user} wrote the post and so may not decide on it. */
    public static boolean wroteIt(Post post, String user) {
        return user != null && post.isAuthor(user);
    }

    /**
     * Four-eyes, refused (403) with "Four-eyes rule: {user} wrote "{title}" and cannot {what}" when the user wrote the
     * post.
     */
    public static void requireNotAuthor(Post post, String user, String cannot) {
        if (wroteIt(post, user)) {
            throw EngineRefusal.forbidden("Four-eyes rule: " + user + " wrote \"" + post.getTitle() + "\" and cannot " + cannot);
        }
    }

    /** Four-eyes across stages: whoever approved one stage of this content version may not decide another. */
    static void requireNoOtherStageApproval(DelegateTask task, Post post, String user, String stage) {
        Map<String, Object> variables = task.getExecution().getProcessInstance().getVariables();
        for (Map.Entry<String, Object> e : variables.entrySet()) {
            if (!e.getKey().startsWith(ProcessBindings.STAGE_DECIDER_PREFIX) || !user.equals(e.getValue())) {
                continue;
            }
            String other = e.getKey().substring(ProcessBindings.STAGE_DECIDER_PREFIX.length());
            if (!other.equals(stage)
                    && Decision.APPROVE.value().equals(variables.get(ProcessBindings.STAGE_DECISION_PREFIX + other))
                    && Integer.valueOf(post.getContentVersion()).equals(variables.get(ProcessBindings.STAGE_VERSION_PREFIX + other))) {
                throw EngineRefusal.forbidden("Four-eyes rule across stages: " + user + " already approved the '" + other
                        + "' stage of \"" + post.getTitle() + "\". Another person has to decide the '" + stage + "' stage.");
            }
        }
    }

    /** The first rule a comment breaks for this decision, if any. */
    public static Optional<CommentProblem> commentProblem(Decision decision, String comment) {
        if (decision.commentRequired() && (comment == null || comment.isEmpty())) {
            return Optional.of(CommentProblem.MISSING);
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            return Optional.of(CommentProblem.TOO_LONG);
        }
        return Optional.empty();
    }

    /**
     * The decision and comment submitted with a task being completed, checked (400 otherwise). {@code whenNoDecision}
     * words the refusal for a value that is not a decision (it gets the value, null when missing).
     */
    public static Checked requireValid(DelegateTask task, Function<Object, String> whenNoDecision) {
        Object raw = task.getVariable(ProcessBindings.DECISION);
        Decision decision = Decision.of(raw).orElseThrow(() -> EngineRefusal.invalid(whenNoDecision.apply(raw)));
        Object rawComment = task.getVariable(ProcessBindings.COMMENT);
        if (rawComment != null && !(rawComment instanceof String)) {
            throw EngineRefusal.invalid("'comment' must be text.");
        }
        String comment = rawComment == null ? null : ((String) rawComment).strip();
        commentProblem(decision, comment).ifPresent(problem -> {
            throw EngineRefusal.invalid(switch (problem) {
                case MISSING -> "A comment is required when you " + (decision == Decision.REJECT
                        ? "reject a post" : "request changes") + ": tell the author why.";
                case TOO_LONG -> "The comment is too long (at most 4,000 characters).";
            });
        });
        return new Checked(decision, comment);
    }

    /** A new round: the last round's decision and comment must not route it. */
    public static void forgetDecision(DelegateExecution execution) {
        execution.removeVariable(ProcessBindings.DECISION);
        execution.removeVariable(ProcessBindings.COMMENT);
    }

    /** Changes requested: the comment is the feedback the author's revision task shows. */
    public static void handBackFeedback(DelegateTask task, Decision decision, String comment) {
        if (decision == Decision.CHANGES) {
            task.getExecution().setVariable(ProcessBindings.FEEDBACK, comment);
        }
    }
}
