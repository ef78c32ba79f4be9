package io.greenlight.post;

import io.greenlight.process.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * {@code ${approvePost}}: records that the current content version is approved, marks the post scheduled
 * and sets {@code publishAt} (a Date): the scheduled time, or now when there is none or it has passed.
 */
@Component("approvePost")
public class ApprovePost implements JavaDelegate {

    private final PostProgress progress;

    public ApprovePost(PostProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Post post = progress.approved(execution.getProcessBusinessKey());
        Date now = ClockUtil.getCurrentTime();
        Date publishAt = post.getScheduledAt() == null ? now : Date.from(post.getScheduledAt().toInstant());
        execution.setVariable(ProcessBindings.PUBLISH_AT, publishAt.before(now) ? now : publishAt);
        execution.setVariables(PostVariables.of(post));
    }
}
