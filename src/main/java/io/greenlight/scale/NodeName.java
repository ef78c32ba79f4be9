package io.greenlight.scale;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code greenlight.node-name}: the name this node's job executor writes as lock owner of the jobs it takes
 * (column {@code LOCK_OWNER_} of {@code ACT_RU_JOB}, shown in Cockpit). Unset, the engine uses a random id. In a
 * cluster it tells which node holds which job, e.g. after one node died.
 */
@Component
public class NodeName implements BeanPostProcessor, EnvironmentAware {

    private String name = "";

    @Override
    public void setEnvironment(Environment environment) {
        name = environment.getProperty("greenlight.node-name", "").trim();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JobExecutor executor && !name.isEmpty()) {
            executor.setLockOwner(name);
        }
        return bean;
    }
}
