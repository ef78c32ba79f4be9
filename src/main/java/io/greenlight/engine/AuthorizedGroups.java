package io.greenlight.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Before every authorization check Camunda narrows the user's groups to those named in any authorization, and to
 * know those it reads {@code select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION} once per command: every row of the
 * table, and the table holds one row per open review task (its candidate group's permission), so each API call of a
 * reviewer read 5,000 rows for 5,000 open reviews. Narrowing changes nothing but the length of an {@code in} list: a
 * group that no authorization names matches no authorization row. This plugin keeps the user's groups as they are
 * (without duplicates) and skips the read (docs/performance.md).
 */
@Component
public class AuthorizedGroups implements ProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> custom = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        custom.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new AllGroupsAuthorizationManager();
            }
        });
        configuration.setCustomSessionFactories(custom);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
    }

    /** The engine's authorization manager, minus the read of every authorization's group. */
    static class AllGroupsAuthorizationManager extends AuthorizationManager {
        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
                return new ArrayList<>();
            }
            return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
        }
    }
}
