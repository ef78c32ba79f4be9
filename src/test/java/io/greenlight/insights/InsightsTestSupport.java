package io.greenlight.insights;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import io.greenlight.testing.EngineUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives real post-approval instances through the real services at chosen engine times (ClockUtil), so the
 * engine's history holds exactly the waiting and working times a test computes by hand. Each test class puts its
 * history in its own past period and campaign, so other tests' posts (shared in-memory database) never count.
 */
abstract class InsightsTestSupport {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final CurrentUser REVIEWER = new CurrentUser("reviewer", Set.of("reviewers"));
    static final CurrentUser MANAGER = new CurrentUser("manager", Set.of("managers", "reviewers"));

    static final Duration HOUR = Duration.ofHours(1);

    @Autowired ProcessEngine processEngine;
    @Autowired PostService postService;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired IdentityService identityService;
    @Autowired LinkTracking tracking;
    @Autowired io.greenlight.publishing.local.FeedEntryRepository feed;
    @Autowired org.camunda.bpm.engine.ManagementService management;

    @BeforeEach
    void initEngineAssertions() {
        BpmnAwareTests.init(processEngine);
        identityService.clearAuthentication();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identityService.clearAuthentication();
        AbstractAssertions.reset();
    }

    static Date at(Instant t0, Duration offset) {
        return Date.from(t0.plus(offset));
    }

    static Duration hours(double h) {
        return Duration.ofMinutes(Math.round(h * 60));
    }

    /** Creates and submits a post at the given time; returns it (its instance waits in review). */
    Post submitted(Date when, String title, String campaign) {
        ClockUtil.setCurrentTime(when);
        Post post = postService.create(CREATOR, new PostCommand(title, campaign, null, "UTC",
                List.of(new VariantContent("local", "Text of " + title + " https://example.com/" + title.hashCode(), null))));
        return postService.submit(CREATOR, post.getId());
    }

    Task openTask(Post post) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        assertThat(task).as("the open task of %s", post.getTitle()).isNotNull();
        return task;
    }

    void claimAt(Date when, CurrentUser user, Task task) {
        ClockUtil.setCurrentTime(when);
        as(user, () -> taskService.claim(task.getId(), user.id()));
    }

    void decideAt(Date when, CurrentUser user, Task task, String decision, String comment) {
        ClockUtil.setCurrentTime(when);
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("decision", decision);
        if (comment != null) {
            variables.put("comment", comment);
        }
        as(user, () -> taskService.complete(task.getId(), variables));
    }

    /** The author completes the revision (= resubmits) at the given time. */
    void resubmitAt(Date when, Task revise) {
        ClockUtil.setCurrentTime(when);
        as(CREATOR, () -> taskService.complete(revise.getId()));
    }

    <T> T as(CurrentUser user, Supplier<T> work) {
        return EngineUser.as(identityService, user, work);
    }

    void as(CurrentUser user, Runnable work) {
        EngineUser.as(identityService, user, work);
    }

    /** Creates, submits, approves and publishes a post at the given time, through the engine's jobs. */
    Post publishedAt(Instant when, String title, String campaign, String text, boolean track) {
        ClockUtil.setCurrentTime(java.util.Date.from(when.minusSeconds(7200)));
        Post post = postService.create(CREATOR, new io.greenlight.post.PostCommand(title, campaign, null, "UTC",
                java.util.List.of(new io.greenlight.post.VariantContent("local", text, null))));
        tracking.set(post.getId(), track, "creator");
        post = postService.submit(CREATOR, post.getId());
        org.camunda.bpm.engine.task.Task review = openTask(post);
        claimAt(java.util.Date.from(when.minusSeconds(60)), REVIEWER, review);
        decideAt(java.util.Date.from(when), REVIEWER, review, "approve", null);
        for (int i = 0; i < 10; i++) {
            java.util.List<org.camunda.bpm.engine.runtime.Job> due = management.createJobQuery().processInstanceId(post.getProcessInstanceId()).executable().list();
            if (due.isEmpty()) {
                break;
            }
            due.forEach(j -> management.executeJob(j.getId()));
        }
        return post;
    }

    String feedText(Post post) {
        return feed.findByPostIdAndChannel(post.getId(), "local").map(io.greenlight.publishing.local.FeedEntry::getText)
                .orElseThrow(() -> new AssertionError("not published: " + post.getTitle()));
    }

}
