package io.greenlight.publishing.metrics;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code ${collectMetrics}} (process {@code post-metrics}): takes the reading named by the input {@code reading}
 * (e.g. {@code 1h}) of every variant published {@code after} (ISO-8601 duration, e.g. {@code PT1H}) ago or up to
 * {@code catchUp} (default {@code P2D}) longer, that does not have it yet ({@link MetricsSweep}), and sets
 * {@code moreDue} ({@link MetricsSweep.Result#moreDue()}) for the gateway drawn right after the task, which loops
 * back to it (a new job) while it is true. {@code moreDue} is transient: it lives until the next job starts, so it
 * adds no variable or history rows.
 * <p>
 * Without the input {@code after} it reads the single variant of an instance of the former one-instance-per-variant
 * diagram (business key = the post's id, variable {@code channel}) that still waited at a timer when the sweep
 * replaced it, and sets {@code metricsAvailable}.
 */
@Component("collectMetrics")
class CollectMetrics implements JavaDelegate {

    static final Duration DEFAULT_CATCH_UP = Duration.ofDays(2);
    static final String MORE_DUE = "moreDue";

    private final PostMetrics metrics;
    private final MetricsSweep sweep;

    public CollectMetrics(PostMetrics metrics, MetricsSweep sweep) {
        this.metrics = metrics;
        this.sweep = sweep;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object reading = execution.getVariableLocal("reading");
        Object after = execution.getVariableLocal("after");
        if (after == null && execution.getVariable("channel") != null) {
            boolean read = metrics.collect(execution.getProcessBusinessKey(), String.valueOf(execution.getVariable("channel")),
                    reading == null ? "now" : reading.toString());
            execution.setVariable("metricsAvailable", read);
            return;
        }
        if (reading == null || reading.toString().isBlank()) {
            throw new IllegalArgumentException("${collectMetrics} needs the input 'reading' (the reading's name, e.g. 1h)");
        }
        Object catchUp = execution.getVariableLocal("catchUp");
        MetricsSweep.Result result = sweep.sweep(reading.toString().strip(), duration("after", after),
                catchUp == null ? DEFAULT_CATCH_UP : duration("catchUp", catchUp));
        execution.setVariable(MORE_DUE, Variables.booleanValue(result.moreDue(), true));
    }

    private static Duration duration(String input, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("${collectMetrics} needs the input '" + input + "' (an ISO-8601 duration, e.g. PT1H)");
        }
        try {
            Duration duration = Duration.parse(value.toString().strip());
            if (duration.isNegative()) {
                throw new IllegalArgumentException("The input '" + input + "' of ${collectMetrics} must not be negative: " + value);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The input '" + input + "' of ${collectMetrics} is not an ISO-8601 duration"
                    + " (e.g. PT1H, P7D): " + value);
        }
    }
}
