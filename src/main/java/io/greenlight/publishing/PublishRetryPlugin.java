package io.greenlight.publishing;

import io.greenlight.engine.EngineClock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * Teaches the engine's failed-job handling what a connector's {@link PublishException} means, after the retry
 * cycle drawn in the diagram has been applied:
 * <ul>
 *   <li>{@code REJECTED} (expired token, validation error): no retries left — the incident appears at once, with the
 *       connector's message (channel and the network's error);</li>
 *   <li>{@code RETRY} with a Retry-After: the next attempt is not before the time the network asked for;</li>
 *   <li>a wait for the next rate-limit slot ({@link PublishException#waitsForSlot()}): due at the slot, no retry spent.</li>
 * </ul>
 */
@Component
public class PublishRetryPlugin implements ProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(NetworkAwareRetryCmd::new);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }

    static class NetworkAwareRetryCmd extends DefaultJobRetryCmd {

        NetworkAwareRetryCmd(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        /** Waiting for a rate-limit slot is not a failure: the retries stay as they are. */
        @Override
        protected boolean shouldDecrementRetriesFor(Throwable t) {
            PublishException failure = PublishException.in(t);
            return (failure == null || !failure.waitsForSlot()) && super.shouldDecrementRetriesFor(t);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            Object result = super.execute(commandContext);
            PublishException failure = PublishException.in(exception);
            if (failure == null) {
                return result;
            }
            JobEntity job = getJob();
            if (job == null) {
                return result;
            }
            if (failure.kind() == PublishException.Kind.REJECTED && job.getRetries() > 0) {
                job.setRetries(0);
                // once fixed (new token, edited text), a retry from Cockpit runs at once
                job.setDuedate(Date.from(EngineClock.now().toInstant()));
            } else if (failure.retryAfter() != null && job.getRetries() > 0) {
                Date notBefore = Date.from(EngineClock.now().toInstant().plus(failure.retryAfter()));
                if (job.getDuedate() == null || job.getDuedate().before(notBefore)) {
                    job.setDuedate(notBefore);
                }
            }
            return result;
        }
    }
}
