package io.greenlight.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Operational gauges at {@code /actuator/metrics} (administrators only), read from the database when scraped:
 * <ul>
 *   <li>{@code greenlight.posts{status}}: posts per status — PUBLISHED counts publishes, FAILED failed publishes;</li>
 *   <li>{@code greenlight.tasks.open{stage}}: open tasks of the post process per stage (task definition key);</li>
 *   <li>{@code greenlight.incidents}: open engine incidents (e.g. publish retries used up).</li>
 * </ul>
 * Counters at the publishing step itself (publishes per channel, retries, lateness) belong to the publisher.
 */
@Component
public class GreenlightMetrics implements MeterBinder {

    static final List<String> STATUSES = List.of("DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "SCHEDULED", "PUBLISHING",
            "PUBLISHED", "REJECTED", "FAILED");

    /** User tasks of post-approval.bpmn (a stage that is not deployed reads 0); "all" counts every stage. */
    static final List<String> STAGES = List.of("review", "review-stage", "revise", "check-publication");

    private final JdbcTemplate jdbc;
    private final TaskService tasks;
    private final org.camunda.bpm.engine.RuntimeService runtime;

    public GreenlightMetrics(JdbcTemplate jdbc, TaskService tasks, org.camunda.bpm.engine.RuntimeService runtime) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.runtime = runtime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String status : STATUSES) {
            Gauge.builder("greenlight.posts", () -> count("select count(*) from post where status = ?", status))
                    .tag("status", status).description("Posts in this status").register(registry);
        }
        for (String stage : STAGES) {
            Gauge.builder("greenlight.tasks.open", () -> tasks.createTaskQuery().processDefinitionKey("post-approval")
                            .taskDefinitionKey(stage).count())
                    .tag("stage", stage).description("Open tasks of the post process at this stage").register(registry);
        }
        Gauge.builder("greenlight.tasks.open.all", () -> tasks.createTaskQuery().processDefinitionKey("post-approval").count())
                .description("Open tasks of the post process, all stages").register(registry);
        Gauge.builder("greenlight.incidents", () -> runtime.createIncidentQuery().count())
                .description("Open engine incidents").register(registry);
    }

    private double count(String sql, Object arg) {
        Long n = jdbc.queryForObject(sql, Long.class, arg);
        return n == null ? 0 : n;
    }
}
