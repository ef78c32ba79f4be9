package io.greenlight.publishing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${resolvePublicationCheck}}: applies a manager's answer from the {@code check-publication} form for the
 * channel in {@code uncertainChannel}: {@code checkOutcome = published} (with {@code publishedUrl}) marks the variant
 * published and it is never sent again; {@code retry} lets the next publish attempt call the network again.
 */
@Component("resolvePublicationCheck")
public class ResolvePublicationCheck implements JavaDelegate {

    public static final String OUTCOME = "checkOutcome";
    public static final String URL = "publishedUrl";

    private final PublishLedger ledger;

    public ResolvePublicationCheck(PublishLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String postId = execution.getProcessBusinessKey();
        String channel = String.valueOf(execution.getVariable(PublishPost.UNCERTAIN_CHANNEL));
        int version = ((Number) execution.getVariable(PublishPost.UNCERTAIN_VERSION)).intValue();
        String outcome = String.valueOf(execution.getVariable(OUTCOME));
        Object url = execution.getVariable(URL);
        String by = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null
                ? "a manager" : execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
        if ("published".equals(outcome)) {
            ledger.confirmedByManager(postId, channel, version, url == null ? null : url.toString(), by);
        } else if ("retry".equals(outcome)) {
            ledger.retryAllowed(postId, channel, version, by);
        } else {
            throw new IllegalArgumentException("checkOutcome must be 'published' or 'retry', not '" + outcome + "'");
        }
        execution.removeVariable(OUTCOME);
        execution.removeVariable(URL);
    }
}
