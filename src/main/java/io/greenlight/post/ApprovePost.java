package io.greenlight.post;

import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.engine.ChangedVariables;
import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * {@code ${approvePost}}: records that the current content version is approved, marks the post scheduled
 * and sets {@code publishAt} (a Date): the scheduled time, or now when there is none or it has passed. Removes the
 * variables only the review reads ({@link PostVariables#REVIEW_ONLY}).
 */
@Component("approvePost")
public class ApprovePost implements JavaDelegate {

    private final PostProgress progress;
    private final ApplicationEventPublisher events;

    public ApprovePost(PostProgress progress, ApplicationEventPublisher events) {
        this.progress = progress;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Post post = progress.approved(execution.getProcessBusinessKey());
        Date now = ClockUtil.getCurrentTime();
        Date publishAt = post.getScheduledAt() == null ? now : Date.from(post.getScheduledAt().toInstant());
        execution.setVariable(ProcessBindings.PUBLISH_AT, publishAt.before(now) ? now : publishAt);
        ChangedVariables.set(execution, PostVariables.described(post));
        // the review's texts and facts leave with the review: fewer rows to load and delete when the post publishes
        execution.removeVariables(PostVariables.REVIEW_ONLY);
        events.publishEvent(new PostApproved(post.getId(), post.getTitle(), post.getAuthor(), post.getScheduledAt() != null));
    }
}
