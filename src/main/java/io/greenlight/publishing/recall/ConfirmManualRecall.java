package io.greenlight.publishing.recall;

import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${confirmManualRecall}}: records that a manager removed the variant for {@code channel} by hand. */
@Component("confirmManualRecall")
class ConfirmManualRecall implements JavaDelegate {

    private final PostRecalls recalls;

    public ConfirmManualRecall(PostRecalls recalls) {
        this.recalls = recalls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        recalls.removedManually(execution.getProcessBusinessKey(), String.valueOf(execution.getVariable(ProcessBindings.CHANNEL)),
                auth == null ? "a manager" : auth.getUserId());
    }
}
