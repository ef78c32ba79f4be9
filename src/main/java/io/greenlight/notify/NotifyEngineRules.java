package io.greenlight.notify;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.TaskListenerRegistration;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_ASSIGNMENT;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE;

/** Notify's rule on the diagram: whoever a task of any diagram is offered or assigned to is told. */
@Configuration(proxyBeanMethods = false)
class NotifyEngineRules {

    @Bean
    TaskListenerRegistration taskNoticesRule(ObjectProvider<TaskNotices> notices) {
        return TaskListenerRegistration.forEveryTask("every task: tell its candidates and assignee", TaskListenerRegistration.NOTICES,
                form -> {
                    boolean revision = ProcessBindings.REVISE_FORM.equals(form);
                    return (TaskListener) task -> notices.getObject().notify(task, revision);
                }, EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT);
    }
}
