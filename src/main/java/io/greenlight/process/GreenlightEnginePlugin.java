package io.greenlight.process;

import io.greenlight.post.PostStartGuard;
import io.greenlight.post.RevisionTaskListener;
import io.greenlight.review.ReviewTaskListener;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Registers Greenlight's rules with the embedded engine (see {@link PostProcessParseListener}). */
@Component
public class GreenlightEnginePlugin implements ProcessEnginePlugin {

    private final ObjectProvider<ReviewTaskListener> reviewListener;
    private final ObjectProvider<RevisionTaskListener> reviseListener;
    private final ObjectProvider<PostStartGuard> startGuard;
    private final ObjectProvider<ModelerWriteBack> writeBack;

    public GreenlightEnginePlugin(ObjectProvider<ReviewTaskListener> reviewListener,
                                  ObjectProvider<RevisionTaskListener> reviseListener,
                                  ObjectProvider<PostStartGuard> startGuard,
                                  ObjectProvider<ModelerWriteBack> writeBack) {
        this.writeBack = writeBack;
        this.reviewListener = reviewListener;
        this.reviseListener = reviseListener;
        this.startGuard = startGuard;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> parseListeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        parseListeners.add(new PostProcessParseListener(reviewListener::getObject, reviseListener::getObject,
                startGuard::getObject));
        configuration.setCustomPostBPMNParseListeners(parseListeners);

        configuration.setCustomPreCommandInterceptorsTxRequired(
                withTranslator(configuration.getCustomPreCommandInterceptorsTxRequired()));
    }

    private List<CommandInterceptor> withTranslator(List<CommandInterceptor> existing) {
        List<CommandInterceptor> list = new ArrayList<>();
        list.add(new DeploymentWatch(() -> deployment -> writeBack.getObject().deployed(deployment)));
        list.add(new RefusalTranslator());
        if (existing != null) {
            list.addAll(existing);
        }
        return list;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }
}
