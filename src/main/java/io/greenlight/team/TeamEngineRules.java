package io.greenlight.team;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.TaskListenerRegistration;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_ASSIGNMENT;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE;

/** The team's rule on the diagram: every user task of every diagram is routed around absences to backups. */
@Configuration(proxyBeanMethods = false)
class TeamEngineRules {

    @Bean
    TaskListenerRegistration backupRoutingRule(ObjectProvider<BackupRouting> routing) {
        return TaskListenerRegistration.forEveryTask("every task: route to backups of absent people", TaskListenerRegistration.ROUTING,
                form -> {
                    boolean review = ProcessBindings.REVIEW_FORM.equals(form);
                    return (TaskListener) task -> routing.getObject().notify(task, review);
                }, EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT);
    }
}
