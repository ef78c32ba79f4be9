package io.greenlight.post;

import io.greenlight.security.CurrentUser;

import java.util.Optional;

/**
 * The author's side of "changes requested": the post's open {@code revise-post} task that a user may complete, and
 * completing it (= resubmit). Implemented by the review module, which owns working on tasks.
 */
public interface RevisionTasks {

    /** The id of the post's open revision task that {@code user} may complete, if any. */
    Optional<String> openRevision(CurrentUser user, Post post);

    /** Completes the revision task: the post goes back to review under the engine's rules. */
    void resubmit(CurrentUser user, String taskId);
}
