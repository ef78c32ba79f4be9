package io.greenlight.review;

import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
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

    /** The end of the four-eyes refusal for a reviewer's stage. */
    private static final String FOUR_EYES = "review it. Another reviewer has to decide.";

    private final PostProgress progress;

    public ReviewTaskListener(PostProgress progress) {
        this.progress = progress;
    }

    @Override
    public void notify(DelegateTask task) {
        String postId = task.getExecution().getProcessBusinessKey();
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                if (isStage(task)) {
                    // A routed stage (multi-instance over `stages`): its decision stays local to the stage's own
                    // execution (the form, Tasklist, /engine-rest and our API all write there), so parallel stages
                    // never overwrite each other; complete() records it per stage on the instance.
                    task.getExecution().setVariableLocal(ProcessBindings.DECISION, null);
                    task.getExecution().setVariableLocal(ProcessBindings.COMMENT, null);
                    if (Integer.valueOf(0).equals(task.getExecution().getVariableLocal("loopCounter"))) {
                        // the stages' combined decision starts as approve; any changes/reject overrides it
                        task.getExecution().getProcessInstance().setVariable(ProcessBindings.DECISION, Decision.APPROVE.value());
                    }
                } else {
                    ReviewDecisionRules.forgetDecision(task.getExecution());
                }
                progress.inReview(postId);
            }
            case EVENTNAME_ASSIGNMENT -> {
                Post post = progress.require(postId);
                ReviewDecisionRules.requireNotAuthor(post, task.getAssignee(), FOUR_EYES);
                if (task.getAssignee() != null) {
                    ReviewDecisionRules.requireNoOtherStageApproval(task, post, task.getAssignee(), stageOf(task));
                }
            }
            case EVENTNAME_COMPLETE -> complete(task, progress.require(postId));
            default -> { }
        }
    }

    private void complete(DelegateTask task, Post post) {
        String decider = ReviewDecisionRules.decider(task);
        ReviewDecisionRules.requireNotAuthor(post, decider, FOUR_EYES);
        ReviewDecisionRules.requireNotAuthor(post, task.getAssignee(), FOUR_EYES);
        if (decider != null) {
            ReviewDecisionRules.requireNoOtherStageApproval(task, post, decider, stageOf(task));
        }
        ReviewDecisionRules.Checked checked = ReviewDecisionRules.requireValid(task, raw ->
                "'decision' must be one of approve, changes or reject" + (raw == null ? " and is missing." : "; got '" + raw + "'."));
        Decision decision = checked.decision();
        String comment = checked.comment();
        String message = checked.note("");
        Context.getCommandContext().runWithoutAuthorization(() -> task.getProcessEngineServices().getTaskService()
                .createComment(task.getId(), task.getProcessInstanceId(), message));
        ReviewDecisionRules.handBackFeedback(task, decision, comment);
        recordStage(task, post, decision, comment, decider);
        // Variables submitted with the form cannot redirect the post: restore what only Greenlight sets (written
        // only where a submitted value differs, so an honest decision adds no history rows)
        io.greenlight.engine.ChangedVariables.set(task.getExecution(), org.camunda.bpm.engine.variable.Variables.createVariables()
                .putValue(ProcessBindings.AUTHOR, post.getAuthor())
                .putValue(ProcessBindings.POST_ID, post.getId())
                .putValueTyped(ProcessBindings.CHANNELS, org.camunda.bpm.engine.variable.Variables
                        .objectValue(new ArrayList<>(post.channels()))
                        .serializationDataFormat(org.camunda.bpm.engine.variable.Variables.SerializationDataFormats.JSON).create()));
    }

    /** A routed stage: the task's execution holds the multi-instance element variable {@code stage}. */
    static boolean isStage(DelegateTask task) {
        return task.getExecution().hasVariableLocal(ProcessBindings.STAGE);
    }

    /** The stage a review task decides: the routed stage's name, else the task's key ({@code review}). */
    static String stageOf(DelegateTask task) {
        return isStage(task) ? String.valueOf(task.getExecution().getVariableLocal(ProcessBindings.STAGE))
                : task.getTaskDefinitionKey();
    }

    /**
     * Keeps every stage's decision on the process instance under its own names ({@code decision_legal}, …), and for
     * routed stages combines them into {@code decision}: reject over changes over approve.
     */
    private static void recordStage(DelegateTask task, Post post, Decision decision, String comment, String decider) {
        String stage = stageOf(task);
        DelegateExecution instance = task.getExecution().getProcessInstance();
        instance.setVariable(ProcessBindings.STAGE_DECISION_PREFIX + stage, decision.value());
        instance.setVariable(ProcessBindings.STAGE_COMMENT_PREFIX + stage, comment);
        instance.setVariable(ProcessBindings.STAGE_DECIDER_PREFIX + stage, decider);
        instance.setVariable(ProcessBindings.STAGE_VERSION_PREFIX + stage, post.getContentVersion());
        if (isStage(task)) {
            Decision combined = Decision.of(instance.getVariable(ProcessBindings.DECISION)).orElse(Decision.APPROVE);
            if (decision.ordinal() > combined.ordinal()) {
                combined = decision;
            }
            instance.setVariable(ProcessBindings.DECISION, combined.value());
            if (decision != Decision.APPROVE) {
                instance.setVariable(ProcessBindings.COMMENT, stage + ": " + comment);
            }
        }
    }


}
