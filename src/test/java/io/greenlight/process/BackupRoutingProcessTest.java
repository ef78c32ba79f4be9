package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.team.HandOver;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** While someone is away, their tasks go to their backup, with a note on the post's timeline. */
class BackupRoutingProcessTest extends PeopleProcessSupport {

    @Autowired HandOver handOver;

    @Test
    void aTaskAssignedToSomeoneAwayGoesToTheirBackupWithANote() {
        String away = user("h5away");
        String cover = user("h5cover");
        away(away, Set.of(), away, cover, nowUtc().minusHours(1), nowUtc().plusDays(3), "Holiday");
        Post post = createPost(CREATOR, "Backup routing", null);
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);

        // a manager hands the review to the absent colleague (no user signed in = a system call)
        taskService.setAssignee(review.getId(), away);

        assertThat(openTask(instance, REVIEW)).isAssignedTo(cover);
        assertThat(timelineNotes(post)).anyMatch(t -> t.startsWith("\"Review post\" assigned to " + cover + " as backup of "
                + away + " (away until ") && t.endsWith(": Holiday"));
        assertThat(timelineKinds(post)).contains("backup");
    }

    @Test
    void someoneAwayWhoClaimsATaskThemselvesKeepsIt() {
        String away = user("h5self");
        String cover = user("h5cover");
        away(away, Set.of(), away, cover, nowUtc().minusHours(1), nowUtc().plusDays(1), null);
        Post post = createPost(CREATOR, "Self claim", null);
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);
        taskService.addCandidateUser(review.getId(), away);

        identityService.setAuthentication(away, List.of());
        try {
            taskService.claim(review.getId(), away);
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(openTask(instance, REVIEW)).isAssignedTo(away);
    }

    @Test
    void whenAnAbsenceStartsTheOpenTasksAreHandedOverAndTheAbsenceEndsOnTime() {
        String away = user("h5later");
        String cover = user("h5cover");
        Post post = createPost(CREATOR, "Hand over", null);
        ProcessInstance instance = submit(CREATOR, post);
        taskService.setAssignee(openTask(instance, REVIEW).getId(), away);
        assertThat(openTask(instance, REVIEW)).isAssignedTo(away);

        // set ahead of time: nothing moves until it starts
        away(MANAGER.id(), MANAGER.groups(), away, cover, nowUtc().plusHours(2), nowUtc().plusHours(30), null);
        assertThat(handOver.sweep()).isZero();
        assertThat(openTask(instance, REVIEW)).isAssignedTo(away);

        clockAt(plus(now, Duration.ofHours(3)));
        assertThat(handOver.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(openTask(instance, REVIEW)).isAssignedTo(cover);

        // back after the absence: an assignment sticks again
        clockAt(plus(now, Duration.ofHours(31)));
        taskService.setAssignee(openTask(instance, REVIEW).getId(), away);
        assertThat(openTask(instance, REVIEW)).isAssignedTo(away);
    }

    @Test
    void aReviewNeverGoesToABackupWhoWroteThePost() {
        String away = user("h5fe");
        away(away, Set.of(), away, CREATOR.id(), nowUtc().minusHours(1), nowUtc().plusDays(1), null);
        Post post = createPost(CREATOR, "Four eyes with backups", null);
        ProcessInstance instance = submit(CREATOR, post);
        taskService.setAssignee(openTask(instance, REVIEW).getId(), away);

        Task review = openTask(instance, REVIEW);
        assertThat(review).isNotAssigned().hasCandidateGroup("reviewers");
        assertThat(timelineNotes(post)).anyMatch(t -> t.contains("went back to its group") && t.contains(CREATOR.id() + " wrote this post"));
    }

    @Test
    void aTaskOfferedOnlyToSomeoneAwayGoesToTheirBackup() {
        String away = user("h5only");
        String cover = user("h5cover");
        away(away, Set.of(), away, cover, nowUtc().minusHours(1), nowUtc().plusDays(1), null);
        Deployment deployment = repositoryService.createDeployment().name("h5-sole-candidate")
                .addString("sole.bpmn", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                     targetNamespace="https://greenlight.io/test">
                          <process id="h5-sole" isExecutable="true" camunda:historyTimeToLive="P1D">
                            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                            <userTask id="t" name="Check it" camunda:candidateUsers="%s"/>
                            <sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
                          </process>
                        </definitions>
                        """.formatted(away)).deploy();
        try {
            ProcessInstance pi = runtimeService.startProcessInstanceByKey("h5-sole");
            Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
            assertThat(task).isAssignedTo(cover);
            List<String> candidates = taskService.getIdentityLinksForTask(task.getId()).stream()
                    .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(IdentityLink::getUserId).toList();
            assertThat(candidates).containsExactly(away);
        } finally {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }
}
