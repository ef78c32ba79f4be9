package io.greenlight.publishing;

import io.greenlight.channel.Channel;
import io.greenlight.channel.NetworkRule;
import io.greenlight.channel.NetworkRuleRepository;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Date;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network's publishing limit per account (here LinkedIn, lowered to 2 posts per 24 h for the test): the post that
 * would exceed it waits for the next slot — its job is due when the oldest post leaves the window, no retry is spent,
 * nothing is sent early, and the post says why it waits.
 */
class RateLimitSlotsTest extends PublishingTestSupport {

    @RegisterExtension
    static final NetworkStub stub = new NetworkStub();

    @Autowired NetworkRuleRepository networkRules;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    Integer maxPosts;
    Duration window;

    @BeforeEach
    void lowerTheLimit() {
        stub.resetAll();
        stub.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:1")));
        NetworkRule rule = networkRules.findById("LINKEDIN").orElseThrow();
        maxPosts = rule.getMaxPosts();
        window = rule.getPostWindow();
        rule.setMaxPosts(2);
        rule.setPostWindow(Duration.ofHours(24));
        networkRules.save(rule);
    }

    @AfterEach
    void restoreTheLimit() {
        NetworkRule rule = networkRules.findById("LINKEDIN").orElseThrow();
        rule.setMaxPosts(maxPosts);
        rule.setPostWindow(window);
        networkRules.save(rule);
    }

    private String publish(Channel li, String text) {
        Post post = newPost(null, new VariantContent(li.getKey(), text, null));
        String instance = submitAndApprove(post);
        runDueJobs(instance);
        return instance;
    }

    @Test
    void theThirdPostOfTheDayWaitsForTheNextSlotWithoutSpendingARetry() {
        Channel li = channel("LINKEDIN", stub.baseUrl(), "urn:li:organization:5515715", "li-token");
        Date first = ClockUtilNow();
        publish(li, "First");
        clockAt(plus(Duration.ofHours(2)));
        publish(li, "Second");
        clockAt(plus(Duration.ofHours(1)));
        Post third = newPost(null, new VariantContent(li.getKey(), "Third", null));
        String instance = submitAndApprove(third);

        runDueJobs(instance);

        stub.verify(2, postRequestedFor(urlEqualTo("/rest/posts")));
        Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
        assertThat(job.getDuedate()).as("when the first post leaves the 24 h window")
                .isEqualTo(new Date(first.getTime() + Duration.ofHours(24).toMillis()));
        int retries = job.getRetries();
        assertThat(retries).isGreaterThan(0);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
        Post waiting = reload(third);
        assertThat(waiting.getStatus()).isEqualTo(PostStatus.PUBLISHING);
        assertThat(waiting.variant(li.getKey()).orElseThrow().getLastError()).contains("Waiting for the next LINKEDIN slot");

        // a Cockpit "retry" before the slot waits again, and still spends nothing
        managementService.setJobDuedate(job.getId(), ClockUtilNow());
        runDueJobs(instance);
        assertThat(managementService.createJobQuery().processInstanceId(instance).singleResult().getRetries()).isEqualTo(retries);
        stub.verify(2, postRequestedFor(urlEqualTo("/rest/posts")));

        // at the slot it goes out
        clockAt(new Date(first.getTime() + Duration.ofHours(24).toMillis() + 1000));
        runDueJobs(instance);
        stub.verify(3, postRequestedFor(urlEqualTo("/rest/posts")));
        assertThat(reload(third).getStatus()).isEqualTo(PostStatus.PUBLISHED);
    }

    @Test
    void anotherChannelOnTheSameNetworkHasItsOwnLimit() {
        Channel a = channel("LINKEDIN", stub.baseUrl(), "urn:li:organization:1", "t");
        Channel b = channel("LINKEDIN", stub.baseUrl(), "urn:li:organization:2", "t");
        publish(a, "a1");
        publish(a, "a2");
        publish(b, "b1");
        stub.verify(3, postRequestedFor(urlEqualTo("/rest/posts")));
    }

    private static Date ClockUtilNow() {
        return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
    }

    @Test
    void theSlotIsFoundFromTheChannelsRecentPublicationsNotFromEveryIntent() {
        // the query of PublishingRateLimits.nextSlot, as the database plans it: by the channel-and-time index
        String plan = jdbc.queryForObject("explain select i.updated_at from publish_intent i where i.channel_key = ? "
                + "and i.state in ('PUBLISHED', 'SENDING', 'UNKNOWN') and i.updated_at > ? and i.idempotency_key <> ? "
                + "order by i.updated_at desc fetch first 50 rows only", String.class,
                "li", java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofHours(24))), "");
        assertThat(plan).containsIgnoringCase("IDX_PUBLISH_INTENT_CHANNEL_TIME");
    }
}
