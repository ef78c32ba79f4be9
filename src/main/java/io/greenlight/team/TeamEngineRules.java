package io.greenlight.team;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.TaskListenerRegistration;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_ASSIGNMENT;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE;

/**
 * The team's rules on the diagram: every user task of every diagram is routed around absences to backups; then a task
 * nobody can take (its groups have no active member) is reported to the managers and on the post.
 */
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

    @Bean
    TaskListenerRegistration emptyGroupRule(ObjectProvider<EmptyGroupWatch> watch) {
        return TaskListenerRegistration.forEveryTask("every task: tell managers when its groups have no active member",
                TaskListenerRegistration.NOTICES, form -> (TaskListener) task -> watch.getObject().created(task), EVENTNAME_CREATE);
    }
}
