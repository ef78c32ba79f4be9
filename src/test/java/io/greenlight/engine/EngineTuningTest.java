package io.greenlight.engine;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's extra index exists after start, and authorization checks keep the user's groups without a table read. */
@SpringBootTest
@ActiveProfiles("test")
class EngineTuningTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;

    @Test
    void theJobAcquisitionIndexExistsAfterStart() {
        assertThat(jdbc.queryForObject("select count(*) from information_schema.indexes where lower(index_name) = 'gl_idx_job_duedate'",
                Integer.class)).isPositive();
        // a second run (every start runs it) is harmless
        jdbc.execute(EngineIndexes.JOB_DUEDATE);
    }

    @Test
    void commandsUseTheAuthorizationManagerThatKeepsTheGroups() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        AuthorizationManager manager = configuration.getCommandExecutorTxRequired()
                .execute((Command<AuthorizationManager>) context -> context.getAuthorizationManager());
        assertThat(manager).isInstanceOf(AuthorizedGroups.AllGroupsAuthorizationManager.class);
        assertThat(manager.filterAuthenticatedGroupIds(List.of("reviewers", "no-such-group", "reviewers")))
                .containsExactly("reviewers", "no-such-group");
        assertThat(manager.filterAuthenticatedGroupIds(List.of())).isEmpty();
        assertThat(manager.filterAuthenticatedGroupIds(null)).isEmpty();
    }
}
