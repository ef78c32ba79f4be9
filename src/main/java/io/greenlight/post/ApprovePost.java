package io.greenlight.post;

import io.greenlight.process.ChangedVariables;
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
    private final io.greenlight.notify.Notifications notifications;

    public ApprovePost(PostProgress progress, io.greenlight.notify.Notifications notifications) {
        this.progress = progress;
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Post post = progress.approved(execution.getProcessBusinessKey());
        Date now = ClockUtil.getCurrentTime();
        Date publishAt = post.getScheduledAt() == null ? now : Date.from(post.getScheduledAt().toInstant());
        execution.setVariable(ProcessBindings.PUBLISH_AT, publishAt.before(now) ? now : publishAt);
        ChangedVariables.set(execution, PostVariables.of(post));
        // issue 5: the author hears it (event `approved`: in-app by default, e-mail if they choose)
        notifications.send(io.greenlight.notify.NotificationEvent.APPROVED, java.util.List.of(post.getAuthor()),
                "Approved: \"" + post.getTitle() + "\"" + (post.getScheduledAt() == null ? " goes out now." : " is scheduled."),
                post.getId());
    }
}
