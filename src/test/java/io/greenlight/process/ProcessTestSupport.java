package io.greenlight.process;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.CountUnit;
import io.greenlight.channel.NetworkRule;
import io.greenlight.channel.NetworkRuleRepository;
import io.greenlight.notify.Notification;
import io.greenlight.notify.NotificationRepository;
import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.publishing.local.FeedEntryRepository;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.Publisher;
import io.greenlight.security.CurrentUser;
import io.greenlight.testing.EngineUser;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared set-up of the post-approval process tests: the real application (profile {@code test}, shared in-memory
 * H2, job executor off), BPM Assert bound to its engine, a frozen engine clock per test, and helpers that drive
 * posts through the real services. Every test creates its own posts and looks only at its own instances.
 * <p>
 * All process test classes extend this class and so share one Spring context, including the {@code FAILING}
 * test network below.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessTestSupport.FailingNetwork.class)
abstract class ProcessTestSupport {

    static final String PROCESS = "post-approval";
    static final String REVIEW = "review";
    static final String REVISE = "revise";
    /** The collapsed subprocess around validation and every review stage (the review tasks wait inside it). */
    static final String REVIEW_SCOPE = "Activity_Review";
    /** The collapsed subprocess around the late check, the wait for the publishing time and publishing. */
    static final String PUBLISH_SCOPE = "Activity_Publish";
    static final String PUBLISH_TIMER = "Event_PublishTime";
    /** The scope around the publish timer that a crisis pause interrupts. */
    static final String WAIT_FOR_TIME = "Activity_WaitForPublishTime";
    static final String PUBLISH_TASK = "Activity_PublishToChannel";

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final CurrentUser CREATOR2 = new CurrentUser("creator2", Set.of("creators"));
    static final CurrentUser MANAGER = new CurrentUser("manager", Set.of("managers", "reviewers"));
    static final CurrentUser ADMIN = new CurrentUser("admin", Set.of("camunda-admin", "managers"));
    static final CurrentUser REVIEWER = new CurrentUser("reviewer", Set.of("reviewers"));

    /** The channel every demo installation has (network LOCAL, 5,000 graphemes). */
    static final String LOCAL = "local";

    /** A network whose connector always fails; only channels of this network use it. */
    static final String FAILING_NETWORK = "FAILING";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired HistoryService historyService;
    @Autowired RepositoryService repositoryService;

    @Autowired PostService postService;
    @Autowired PostRepository postRepository;
    @Autowired ChannelRepository channelRepository;
    @Autowired NetworkRuleRepository networkRuleRepository;
    @Autowired FeedEntryRepository feedEntryRepository;
    @Autowired NotificationRepository notificationRepository;
    @Autowired FailingPublisher failingPublisher;

    /** The engine's frozen "now" for this test, whole seconds so database round trips cannot shift it. */
    Date now;

    @BeforeEach
    void initProcessTest() {
        BpmnAwareTests.init(processEngine);
        identityService.clearAuthentication();
        now = Date.from(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant());
        ClockUtil.setCurrentTime(now);
    }

    @AfterEach
    void resetProcessTest() {
        ClockUtil.reset();
        identityService.clearAuthentication();
        AbstractAssertions.reset();
    }

    // ---- time ---------------------------------------------------------------------------------------------------

    Date plus(Date base, Duration d) {
        return new Date(base.getTime() + d.toMillis());
    }

    OffsetDateTime nowUtc() {
        return now.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** Moves the frozen engine clock to the given time. */
    void clockAt(Date time) {
        ClockUtil.setCurrentTime(time);
    }

    // ---- posts --------------------------------------------------------------------------------------------------

    static VariantContent variant(String channel, String text) {
        return new VariantContent(channel, text, null);
    }

    Post createPost(CurrentUser author, String title, OffsetDateTime scheduledAt, VariantContent... variants) {
        return postService.create(author, new PostCommand(title + " " + System.nanoTime(), null, scheduledAt, "UTC",
                List.of(variants)));
    }

    Post createPost(CurrentUser author, String title, OffsetDateTime scheduledAt) {
        return createPost(author, title, scheduledAt, variant(LOCAL, "Hello from " + title));
    }

    /** Submits through Greenlight's only door and returns the started instance (still running). */
    ProcessInstance submit(CurrentUser user, Post post) {
        Post submitted = postService.submit(user, post.getId());
        assertThat(submitted.getProcessInstanceId()).as("submit starts an instance").isNotNull();
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(submitted.getProcessInstanceId()).singleResult();
        assertThat(instance).as("the instance of post %s", post.getId()).isNotNull();
        assertThat(instance.getBusinessKey()).isEqualTo(post.getId());
        return instance;
    }

    Post reload(Post post) {
        return postRepository.findById(post.getId()).orElseThrow();
    }

    // ---- deployments --------------------------------------------------------------------------------------------

    /** Deletes a test's own deployments (name as in SQL LIKE), their instances with them: the repository's serve again. */
    void deleteDeployments(String nameLike) {
        for (Deployment d : repositoryService.createDeploymentQuery().deploymentNameLike(nameLike).list()) {
            repositoryService.deleteDeployment(d.getId(), true);
        }
    }

    /** A BPMN file as Camunda Modeler saves one (the camunda namespace declared) around this process element. */
    static String bpmnFile(String definitionsId, String process) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="%s"
                    targetNamespace="https://greenlight.io/test">
                %s
                </bpmn:definitions>
                """.formatted(definitionsId, process.strip());
    }

    // ---- tasks and jobs -----------------------------------------------------------------------------------------

    Task openTask(ProcessInstance instance, String key) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
                .initializeFormKeys().singleResult();
    }

    List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    /** Runs work with the given user as the engine's current authentication, as Tasklist and our API do. */
    <T> T as(CurrentUser user, Supplier<T> work) {
        return EngineUser.as(identityService, user, work);
    }

    void as(CurrentUser user, Runnable work) {
        EngineUser.as(identityService, user, work);
    }

    /** A reviewer claims and decides, signed in. */
    void decide(CurrentUser reviewer, Task task, String decision, String comment) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("decision", decision);
        if (comment != null) {
            variables.put("comment", comment);
        }
        as(reviewer, () -> {
            taskService.claim(task.getId(), reviewer.id());
            taskService.complete(task.getId(), variables);
        });
    }

    Job job(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .singleResult();
    }

    List<Job> jobs(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list();
    }

    long executableJobs(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).executable().count();
    }

    /** The channel a publish job serves (the multi-instance element variable). */
    String channelOf(Job job) {
        return (String) runtimeService.getVariable(job.getExecutionId(), "channel");
    }

    // ---- channels and notifications -----------------------------------------------------------------------------

    /** Creates or resets a channel of our own; limits other tests rely on are never touched. */
    Channel channel(String key, String network, Integer maxLength) {
        Channel channel = channelRepository.findById(key).orElseGet(() -> new Channel(key, "Test " + key, network));
        assertThat(channel.getNetwork()).isEqualTo(network);
        channel.setMaxLength(maxLength);
        channel.setEnabled(true);
        return channelRepository.save(channel);
    }

    void failingNetwork() {
        if (!networkRuleRepository.existsById(FAILING_NETWORK)) {
            networkRuleRepository.save(new NetworkRule(FAILING_NETWORK, CountUnit.GRAPHEMES, 1000));
        }
    }

    List<Notification> notificationsAbout(Post post, String messagePrefix) {
        return notificationRepository.findAll().stream()
                .filter(n -> post.getId().equals(n.getPostId()) && n.getMessage().startsWith(messagePrefix))
                .toList();
    }

    static List<String> recipients(List<Notification> notifications) {
        return notifications.stream().map(Notification::getRecipient).sorted().toList();
    }

    static List<String> sorted(String... values) {
        return Arrays.stream(values).sorted().toList();
    }

    // ---- the FAILING test network ---------------------------------------------------------------------------------

    /** A connector that is down (until a test says it is back for a post), and counts its calls per post. */
    static class FailingPublisher implements Publisher {

        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        private final Set<String> recovered = ConcurrentHashMap.newKeySet();

        @Override
        public String network() {
            return FAILING_NETWORK;
        }

        @Override
        public PublishResult publish(PublishRequest request) {
            Post post = request.post();
            attempts.computeIfAbsent(post.getId(), id -> new AtomicInteger()).incrementAndGet();
            if (recovered.contains(post.getId())) {
                return new PublishResult("failing-" + post.getId(), "https://failing.example/" + post.getId());
            }
            throw new IllegalStateException("The FAILING network is down (test connector)");
        }

        /** From now on, publishing this post succeeds. */
        void recover(Post post) {
            recovered.add(post.getId());
        }

        int attempts(Post post) {
            AtomicInteger n = attempts.get(post.getId());
            return n == null ? 0 : n.get();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FailingNetwork {
        @Bean
        FailingPublisher failingPublisher() {
            return new FailingPublisher();
        }
    }
}
