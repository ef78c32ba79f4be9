package io.greenlight.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Installs {@link DeploymentWatch} as the outermost command interceptor, so every deployment (Modeler through
 * /engine-rest, Cockpit, Java) reaches {@link DeployedGroups} and {@link ModelerWriteBack}.
 */
@Component
@Order(10)
class DeploymentWatchPlugin implements ProcessEnginePlugin {

    private final ObjectProvider<ModelerWriteBack> writeBack;

    private final ObjectProvider<DeployedGroups> groups;

    DeploymentWatchPlugin(ObjectProvider<ModelerWriteBack> writeBack, ObjectProvider<DeployedGroups> groups) {
        this.writeBack = writeBack;
        this.groups = groups;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> list = new ArrayList<>();
        list.add(new DeploymentWatch(writeBack::getObject, groups::getObject));
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            list.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        configuration.setCustomPreCommandInterceptorsTxRequired(list);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }
}
