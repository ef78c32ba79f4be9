package io.greenlight.review;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.UserFacingException;
import io.greenlight.post.Post;
import io.greenlight.post.PostView;
import io.greenlight.post.PostViews;
import io.greenlight.post.RevisionTasks;
import io.greenlight.security.CurrentUser;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Revision tasks as the review inbox sees them: visible to the user and of form {@code revise-post}. */
@Component
class InboxRevisionTasks implements RevisionTasks {

    private final PostViews views;
    private final ReviewInbox inbox;

    InboxRevisionTasks(PostViews views, ReviewInbox inbox) {
        this.views = views;
        this.inbox = inbox;
    }

    @Override
    public Optional<String> openRevision(CurrentUser user, Post post) {
        for (PostView.StageView stage : views.stages(post)) {
            try {
                ReviewInbox.TaskView task = inbox.get(user, stage.taskId());
                if (ProcessBindings.REVISE_FORM.equals(task.form())) {
                    return Optional.of(task.id());
                }
            } catch (UserFacingException notVisible) {
                // a stage this user cannot see is not theirs to complete
            }
        }
        return Optional.empty();
    }

    @Override
    public void resubmit(CurrentUser user, String taskId) {
        inbox.complete(user, taskId, null, null);
    }
}
