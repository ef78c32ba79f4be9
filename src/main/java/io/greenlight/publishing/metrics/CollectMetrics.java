package io.greenlight.publishing.metrics;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${collectMetrics}}: reads the engagement of the variant ({@code postId}, {@code channel}) and stores it
 * under the input {@code reading} (e.g. {@code 1h}, {@code 24h}, {@code 7d}). Sets {@code metricsAvailable}; a network
 * without metrics is skipped, not failed.
 */
@Component("collectMetrics")
class CollectMetrics implements JavaDelegate {

    private final PostMetrics metrics;

    public CollectMetrics(PostMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object reading = execution.getVariableLocal("reading");
        boolean read = metrics.collect(execution.getProcessBusinessKey(), String.valueOf(execution.getVariable("channel")),
                reading == null ? "now" : reading.toString());
        execution.setVariable("metricsAvailable", read);
    }
}
