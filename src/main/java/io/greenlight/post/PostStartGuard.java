package io.greenlight.post;

import io.greenlight.engine.EngineRefusal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Built-in start listener of {@code post-approval}: a post enters approval only through Greenlight's submit,
 * which snapshots its content first. Starts from Tasklist, /engine-rest or Cockpit are refused with a 403.
 */
@Component
public class PostStartGuard implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        if (!SubmitGuard.isActive()) {
            throw EngineRefusal.forbidden("Posts enter the approval process only through Greenlight's submit "
                    + "(the Submit button or POST /api/posts/{id}/submit), which records the content under review.");
        }
    }
}
