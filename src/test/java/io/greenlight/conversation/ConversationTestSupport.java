package io.greenlight.conversation;

import io.greenlight.notify.NotificationRepository;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The real application (profile {@code test}), BPM Assert bound to its engine, a frozen engine clock, a community
 * member ({@code cody}) and helpers that bring items in through the {@link Inbox} and act on tasks as people do.
 */
@SpringBootTest
@ActiveProfiles("test")
abstract class ConversationTestSupport {

    static final String COMMUNITY_USER = "cody";
    static final String COMMUNITY_USER2 = "cleo";
    static final String MANAGER = "manager";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired Inbox inbox;
    @Autowired ConversationRepository conversations;
    @Autowired ConversationItemRepository items;
    @Autowired ConversationReplyRepository replies;
    @Autowired NotificationRepository notifications;

    Date now;

    @BeforeEach
    void initConversationTest() {
        BpmnAwareTests.init(processEngine);
        identityService.clearAuthentication();
        now = Date.from(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant());
        ClockUtil.setCurrentTime(now);
        for (String id : List.of(COMMUNITY_USER, COMMUNITY_USER2)) {
            if (identityService.createUserQuery().userId(id).count() == 0) {
                var u = identityService.newUser(id);
                u.setEmail(id + "@greenlight.local");
                u.setPassword(id);
                identityService.saveUser(u);
                identityService.createMembership(id, "community");
            }
        }
    }

    @AfterEach
    void resetConversationTest() {
        ClockUtil.reset();
        identityService.clearAuthentication();
        AbstractAssertions.reset();
    }

    OffsetDateTime nowUtc() {
        return now.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** A comment-like item on the local channel, its own thread. */
    Conversation receive(String text) {
        return receive(text, "fan-" + UUID.randomUUID().toString().substring(0, 8), 0);
    }

    Conversation receive(String text, String author, int followers) {
        String id = "test-" + UUID.randomUUID();
        return inbox.receive(new InboundMessage("local", id, null, null, null, null, author, author, followers, text, null,
                null, "Our spring sale", null, nowUtc())).orElseThrow();
    }

    ProcessInstance instanceOf(Conversation c) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(c.getId())
                .processDefinitionKey(ConversationProcess.PROCESS).singleResult();
    }

    Task task(ProcessInstance instance, String key) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    }

    <T> T as(String user, List<String> groups, Supplier<T> work) {
        identityService.setAuthentication(user, groups);
        try {
            return work.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    void answer(String user, ProcessInstance instance, Map<String, Object> vars) {
        Task t = task(instance, "respond");
        as(user, List.of("community"), () -> {
            taskService.claim(t.getId(), user);
            taskService.complete(t.getId(), vars);
            return null;
        });
    }

    void runJobs(ProcessInstance instance) {
        for (int round = 0; round < 10; round++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(j -> managementService.executeJob(j.getId()));
        }
    }

    Conversation reload(Conversation c) {
        return conversations.findById(c.getId()).orElseThrow();
    }
}
