package io.greenlight.external;

import io.greenlight.engine.TaskListenerRegistration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_COMPLETE;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_DELETE;

/** External review's rule on the diagram: every {@code external-review} task is decided through a signed link. */
@Configuration(proxyBeanMethods = false)
class ExternalReviewEngineRules {

    @Bean
    TaskListenerRegistration externalReviewRule(ObjectProvider<ExternalReviewTaskListener> listener) {
        return TaskListenerRegistration.forForm("external stage: send and withdraw the signed link", TaskListenerRegistration.EXTERNAL,
                ExternalStageTasks.FORM, listener::getObject, EVENTNAME_CREATE, EVENTNAME_COMPLETE, EVENTNAME_DELETE);
    }
}
