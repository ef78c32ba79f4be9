package io.greenlight.publishing;

import io.greenlight.post.PostProgress;
import io.greenlight.post.PostStatus;
import io.greenlight.process.EngineClock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records a failed publish in its own transaction: the job's transaction rolls back, the record must not. */
@Component
public class PublishFailures {

    private final PostProgress progress;

    public PublishFailures(PostProgress progress) {
        this.progress = progress;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String postId, String channel, String error, boolean lastAttempt) {
        progress.find(postId).ifPresent(post -> post.variant(channel).ifPresent(variant -> {
            if (lastAttempt) {
                variant.markFailed(error);
                post.moveTo(PostStatus.FAILED, EngineClock.now());
            } else {
                variant.recordError(error);
                post.moveTo(PostStatus.PUBLISHING, EngineClock.now());
            }
        }));
    }
}
