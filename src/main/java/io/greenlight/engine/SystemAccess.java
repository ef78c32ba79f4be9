package io.greenlight.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Runs engine calls without Camunda's authorization checks but with the signed-in user still recorded
 * (start user, comments, operation log). For domain services that have checked permissions themselves.
 */
@Component
public class SystemAccess {

    private final ProcessEngine engine;

    public SystemAccess(ProcessEngine engine) {
        this.engine = engine;
    }

    public <T> T call(Supplier<T> work) {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return config.getCommandExecutorTxRequired().execute(ctx -> ctx.runWithoutAuthorization(work::get));
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
