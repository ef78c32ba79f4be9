package io.greenlight.process;

import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.repository.Deployment;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Outermost command interceptor: after a deployment command returns (committed), hands the deployment to
 * {@link ModelerWriteBack}. Sees every route: /engine-rest (Camunda Modeler), Cockpit, Java.
 */
class DeploymentWatch extends CommandInterceptor {

    private final Supplier<Consumer<Deployment>> listener;

    DeploymentWatch(Supplier<Consumer<Deployment>> listener) {
        this.listener = listener;
    }

    @Override
    public <T> T execute(Command<T> command) {
        T result = next.execute(command);
        if (command instanceof DeployCmd && result instanceof Deployment deployment
                && org.camunda.bpm.engine.impl.context.Context.getCommandContext() == null) {
            listener.get().accept(deployment);
        }
        return result;
    }
}
