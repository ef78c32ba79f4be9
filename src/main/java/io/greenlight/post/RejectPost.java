package io.greenlight.post;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${rejectPost}}: marks the post rejected. The reviewer's comment is on the review task. */
@Component("rejectPost")
public class RejectPost implements JavaDelegate {

    private final PostProgress progress;

    public RejectPost(PostProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        progress.rejected(execution.getProcessBusinessKey());
    }
}
