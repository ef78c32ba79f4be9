package io.greenlight.review;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.TaskListenerRegistration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_ASSIGNMENT;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_COMPLETE;
import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE;

/**
 * Review's rules on the diagram: every {@code review-post} task is a review stage (four-eyes, decision and comment
 * checks, deadlines); every {@code late-post} task is the managers' late-approval decision.
 */
@Configuration(proxyBeanMethods = false)
class ReviewEngineRules {

    @Bean
    TaskListenerRegistration reviewStageRule(ObjectProvider<ReviewTaskListener> listener) {
        return TaskListenerRegistration.forForm("review stage: four-eyes, decision, deadline", TaskListenerRegistration.STAGE_RULES,
                ProcessBindings.REVIEW_FORM, listener::getObject, EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT, EVENTNAME_COMPLETE);
    }

    @Bean
    TaskListenerRegistration lateDecisionRule(ObjectProvider<LateDecisionListener> listener) {
        return TaskListenerRegistration.forForm("late approval: publish now, reschedule or cancel",
                TaskListenerRegistration.LATE_DECISION, LateDecisionListener.FORM, listener::getObject,
                EVENTNAME_CREATE, EVENTNAME_COMPLETE);
    }
}
