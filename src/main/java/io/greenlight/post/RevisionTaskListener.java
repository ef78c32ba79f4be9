package io.greenlight.post;

import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.engine.EngineRefusal;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Built into every user task with form {@code revise-post}: marks the post "changes requested" and tells the
 * author; completing it (by the author or a manager) is the resubmit, which snapshots the changed content.
 */
@Component
public class RevisionTaskListener implements TaskListener {

    private final PostProgress progress;
    private final PostService posts;
    private final ApplicationEventPublisher events;

    public RevisionTaskListener(PostProgress progress, PostService posts, ApplicationEventPublisher events) {
        this.progress = progress;
        this.posts = posts;
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        String postId = task.getExecution().getProcessBusinessKey();
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                Post post = progress.require(postId);
                progress.changesRequested(postId);
                Object feedback = task.getVariable(ProcessBindings.FEEDBACK);
                events.publishEvent(new ChangesRequested(postId, post.getTitle(), post.getAuthor(),
                        feedback == null ? null : feedback.toString()));
            }
            case EVENTNAME_COMPLETE -> {
                Post post = progress.require(postId);
                Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
                CurrentUser user = CurrentUser.of(auth);
                if (user != null && !post.mayBeChangedBy(user)) {
                    throw EngineRefusal.forbidden(post.onlyAuthorOrManagerCan("resubmit"));
                }
                posts.resubmitted(postId, auth != null ? auth.getUserId() : post.getAuthor());
            }
            default -> { }
        }
    }
}
