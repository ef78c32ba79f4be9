package io.greenlight.publishing.recall;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${finishRecall}}: every channel is done; audits the recall and tells the author and {@code managers}. */
@Component("finishRecall")
class FinishRecall implements JavaDelegate {

    private final PostRecalls recalls;

    public FinishRecall(PostRecalls recalls) {
        this.recalls = recalls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object by = execution.getVariable("recallRequestedBy");
        recalls.finished(execution.getProcessBusinessKey(), by == null ? null : by.toString());
    }
}
