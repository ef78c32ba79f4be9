package io.greenlight.process;

import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.repository.Deployment;

import java.util.function.Supplier;

/**
 * Outermost command interceptor: runs every deployment command exclusively with the file deployer's and, after it
 * returns (committed), hands the deployment to {@link DeployedGroups} and {@link ModelerWriteBack}. Sees every
 * route: /engine-rest (Camunda Modeler), Cockpit, Java.
 */
class DeploymentWatch extends CommandInterceptor {

    private final Supplier<ModelerWriteBack> writeBack;
    private final Supplier<DeployedGroups> groups;

    DeploymentWatch(Supplier<ModelerWriteBack> writeBack, Supplier<DeployedGroups> groups) {
        this.writeBack = writeBack;
        this.groups = groups;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (!(command instanceof DeployCmd) || Context.getCommandContext() != null) {
            return next.execute(command);
        }
        return writeBack.get().exclusive(() -> {
            T result = next.execute(command);
            if (result instanceof Deployment deployment) {
                groups.get().deployed(deployment);
                writeBack.get().deployed(deployment);
            }
            return result;
        });
    }
}
