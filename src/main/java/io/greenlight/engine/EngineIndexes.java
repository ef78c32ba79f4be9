package io.greenlight.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Indexes on the engine's own tables that Camunda does not ship, created once the engine has created or updated its
 * schema (Flyway runs before the engine, so a migration could not name these tables on a fresh database). Each is
 * {@code create index if not exists} (H2 and PostgreSQL), so every start may run it.
 * <ul>
 *   <li>{@code gl_idx_job_duedate}: the job executor's acquisition asks, every poll, for jobs due now
 *       ({@code duedate_ is null or duedate_ <= now}); without an index that reads every job, and every open review
 *       holds its reminder and escalation timers (10,000 jobs for 5,000 open reviews). With it a poll reads the
 *       due jobs only (docs/performance.md).</li>
 *   <li>{@code gl_idx_task_due}: the review inbox ({@link io.greenlight.review.InboxQuery}) lists the open tasks
 *       earliest due first, then oldest; with this index a page of 50 reads about 50 tasks, not every open one.</li>
 * </ul>
 */
@Component
public class EngineIndexes implements ProcessEnginePlugin {

    static final String JOB_DUEDATE = "create index if not exists gl_idx_job_duedate on ACT_RU_JOB (DUEDATE_)";
    static final String TASK_DUE = "create index if not exists gl_idx_task_due on ACT_RU_TASK (DUE_DATE_, CREATE_TIME_, ID_)";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        try (Connection connection = configuration.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(JOB_DUEDATE.replace("ACT_RU_JOB", prefix + "ACT_RU_JOB"));
            statement.execute(TASK_DUE.replace("ACT_RU_TASK", prefix + "ACT_RU_TASK"));
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the engine's extra indexes: " + e.getMessage(), e);
        }
    }
}
