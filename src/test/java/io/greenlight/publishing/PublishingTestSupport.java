package io.greenlight.publishing;

import io.greenlight.publishing.local.FeedEntryRepository;
import io.greenlight.publishing.metrics.PostMetrics;
import io.greenlight.publishing.pause.PublishingPause;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ChannelService;
import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running application as the HTTP tests see it (same configuration as the api tests, so one cached context):
 * profile {@code test}, shared in-memory H2, job executor off — tests run jobs and move the engine clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class PublishingTestSupport {

    protected static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    protected static final CurrentUser MANAGER = new CurrentUser("manager", Set.of("managers", "reviewers"));
    protected static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @LocalServerPort protected int port;
    @Autowired protected PostService postService;
    @Autowired protected PostRepository postRepository;
    @Autowired protected ChannelService channelService;
    @Autowired protected ChannelRepository channelRepository;
    @Autowired protected RuntimeService runtimeService;
    @Autowired protected TaskService taskService;
    @Autowired protected ManagementService managementService;
    @Autowired protected IdentityService identityService;
    @Autowired protected FeedEntryRepository feed;
    @Autowired protected PublishIntentRepository intents;
    @Autowired protected PublishingPause pause;

    protected Date now;

    @BeforeEach
    protected void freezeClock() {
        now = Date.from(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant());
        ClockUtil.setCurrentTime(now);
        identityService.clearAuthentication();
    }

    @AfterEach
    protected void resetClockAndPause() {
        if (pause.isActive()) {
            pause.resume(MANAGER, PublishingPause.MODE_AS_SCHEDULED);
        }
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    protected void clockAt(Date time) {
        ClockUtil.setCurrentTime(time);
    }

    protected Date plus(Duration d) {
        return new Date(ClockUtil.getCurrentTime().getTime() + d.toMillis());
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    protected record Reply(int status, JsonNode json, String body) {
    }

    protected Reply call(String user, String method, String path, Object body) {
        RestClient client = RestClient.builder().baseUrl("http://localhost:" + port).build();
        RestClient.RequestBodySpec spec = client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML);
        if (user != null) {
            spec.headers(h -> h.setBasicAuth(user, user));
        }
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ResponseEntity<String> response = spec.retrieve().onStatus(HttpStatusCode::isError, (req, res) -> { })
                .toEntity(String.class);
        String text = response.getBody() == null ? "" : response.getBody();
        JsonNode json = null;
        try {
            json = text.isBlank() || text.startsWith("<") ? null : JSON.readTree(text);
        } catch (Exception ignored) {
            // not JSON
        }
        return new Reply(response.getStatusCode().value(), json, text);
    }

    // ---- channels and posts -------------------------------------------------------------------------------------

    protected Channel channel(String network, String baseUrl, String account, String credentials) {
        return channelService.create(MANAGER, new ChannelService.ChannelCommand(unique(network.toLowerCase()),
                "Test " + network, network, baseUrl, account, credentials));
    }

    protected Post newPost(OffsetDateTime scheduledAt, VariantContent... variants) {
        return postService.create(CREATOR, new PostCommand(unique("Post"), null, scheduledAt, "UTC", List.of(variants)));
    }

    /** Submits and approves every review task until the post is approved (whatever stages the routing adds). */
    protected String submitAndApprove(Post post) {
        String instanceId = postService.submit(CREATOR, post.getId()).getProcessInstanceId();
        for (int round = 0; round < 5; round++) {
            List<Task> tasks = taskService.createTaskQuery().processInstanceId(instanceId).list();
            if (tasks.isEmpty()) {
                break;
            }
            for (Task task : tasks) {
                identityService.setAuthentication("admin", new ArrayList<>(List.of("camunda-admin", "managers")));
                try {
                    taskService.claim(task.getId(), "admin");
                    taskService.complete(task.getId(), Map.of("decision", "approve"));
                } finally {
                    identityService.clearAuthentication();
                }
            }
        }
        return instanceId;
    }

    /** Executes this instance's due jobs until none is due; returns the failures' messages. */
    protected List<String> runDueJobs(String instanceId) {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(instanceId).executable().list();
            if (due.isEmpty()) {
                return failures;
            }
            boolean progressed = false;
            for (Job job : due) {
                try {
                    managementService.executeJob(job.getId());
                    progressed = true;
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                }
            }
            if (!progressed) {
                return failures;
            }
        }
        return failures;
    }

    protected Post reload(Post post) {
        return postRepository.findById(post.getId()).orElseThrow();
    }

    /**
     * One {@code post-metrics} sweep at the engine's current time: fires its timer start event and runs the
     * readings' jobs of the instance it starts (asserting none fails); returns that instance.
     */
    protected ProcessInstance sweepMetrics() {
        Job tick = managementService.createJobQuery().processDefinitionKey(PostMetrics.PROCESS).timers().list().stream()
                .filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow(
                        () -> new AssertionError("the post-metrics timer start event is deployed"));
        Set<String> before = new HashSet<>(metricsSweeps());
        managementService.executeJob(tick.getId());
        List<String> started = metricsSweeps().stream().filter(id -> !before.contains(id)).toList();
        assertThat(started).as("one sweep instance per tick").hasSize(1);
        ProcessInstance sweep = runtimeService.createProcessInstanceQuery().processInstanceId(started.get(0)).singleResult();
        assertThat(runDueJobs(sweep.getId())).as("a sweep never fails").isEmpty();
        return sweep;
    }

    private List<String> metricsSweeps() {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(PostMetrics.PROCESS).list().stream()
                .map(ProcessInstance::getId).toList();
    }

    protected boolean held(String instanceId) {
        return runtimeService.createExecutionQuery().processInstanceId(instanceId)
                .messageEventSubscriptionName(PublishingPause.RESUMED_MESSAGE).count() > 0;
    }
}
