package io.greenlight.post;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.ProcessStartRegistration;
import io.greenlight.engine.TaskListenerRegistration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_COMPLETE;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE;

/** The post's rules on the diagram: resubmit on every {@code revise-post} task; the post process starts only from submit. */
@Configuration(proxyBeanMethods = false)
class PostEngineRules {

    @Bean
    TaskListenerRegistration revisionRule(ObjectProvider<RevisionTaskListener> listener) {
        return TaskListenerRegistration.forForm("revision: resubmit the post", TaskListenerRegistration.STAGE_RULES,
                ProcessBindings.REVISE_FORM, listener::getObject, EVENTNAME_CREATE, EVENTNAME_COMPLETE);
    }

    @Bean
    ProcessStartRegistration postStartRule(ObjectProvider<PostStartGuard> guard) {
        return new ProcessStartRegistration("post process starts only from Greenlight's submit", ProcessBindings.POST_PROCESS,
                guard::getObject);
    }
}
