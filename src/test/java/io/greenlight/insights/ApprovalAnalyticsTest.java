package io.greenlight.insights;

import io.greenlight.post.Post;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Approval analytics on a history made by driving real instances at known engine times. Every expected number is
 * worked out by hand in the comments: waiting = created → claimed, working = claimed → completed.
 * <pre>
 * t0 = Monday 2020-03-02 09:00 UTC (the week of 2020-03-02)
 * A: review 1 created t0, claimed by reviewer t0+2h, changes t0+3h   → waiting 2h, working 1h
 *    revise  created t0+3h (assigned to the author), resubmitted t0+5h → waiting 0,  working 2h
 *    review 2 created t0+5h, claimed by manager t0+9h, approved t0+10h → waiting 4h, working 1h
 * B: review  created t0, claimed by reviewer t0+30h, rejected t0+36h   → waiting 30h, working 6h, due t0+24h: late
 * C: review  created t0+1h, never claimed                             → stuck at t0+48h (due t0+25h, 23h overdue)
 * </pre>
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalAnalyticsTest extends InsightsTestSupport {

    static final Instant T0 = Instant.parse("2020-03-02T09:00:00Z");

    @Autowired ApprovalAnalytics analytics;
    @Autowired InsightsDashboard dashboards;

    String campaign;
    InsightsFilter march;
    Post a;
    Post b;
    Post c;

    @BeforeEach
    void atT0Plus48h() {
        ClockUtil.setCurrentTime(at(T0, hours(48)));
    }

    @BeforeAll
    void seedHistory() {
        campaign = "insights-" + System.nanoTime();
        march = new InsightsFilter(LocalDate.of(2020, 3, 1), LocalDate.of(2020, 3, 31), campaign, null);

        a = submitted(at(T0, hours(0)), "A", campaign);
        b = submitted(at(T0, hours(0)), "B", campaign);
        c = submitted(at(T0, hours(1)), "C", campaign);

        Task a1 = openTask(a);
        claimAt(at(T0, hours(2)), REVIEWER, a1);
        decideAt(at(T0, hours(3)), REVIEWER, a1, "changes", "Shorter, please");
        resubmitAt(at(T0, hours(5)), openTask(a));
        Task a2 = openTask(a);
        claimAt(at(T0, hours(9)), MANAGER, a2);
        decideAt(at(T0, hours(10)), MANAGER, a2, "approve", null);

        Task b1 = openTask(b);
        claimAt(at(T0, hours(30)), REVIEWER, b1);
        decideAt(at(T0, hours(36)), REVIEWER, b1, "reject", "Off brand");
        ClockUtil.reset();
    }

    @Test
    void waitingAndWorkingPerStage() {
        Map<String, ApprovalAnalytics.Stats> stages = byKey(analytics.byStage(march));
        assertThat(stages).containsOnlyKeys("Review post", "Revise post");

        ApprovalAnalytics.Stats review = stages.get("Review post");
        assertThat(review.tasks()).isEqualTo(3);
        // waiting 2h, 4h, 30h: median 4h; p90 (linear) = 4 + 0.8 × (30 − 4) = 24.8h
        assertThat(review.waitingMedian()).isCloseTo(hoursMs(4), within(1.0));
        assertThat(review.waitingP90()).isCloseTo(hoursMs(24.8), within(1.0));
        // working 1h, 1h, 6h: median 1h; p90 = 1 + 0.8 × (6 − 1) = 5h
        assertThat(review.workingMedian()).isCloseTo(hoursMs(1), within(1.0));
        assertThat(review.workingP90()).isCloseTo(hoursMs(5), within(1.0));
        assertThat(review.slaBreaches()).as("B ended 12h after its due date").isEqualTo(1);
        assertThat(review.decisions()).isEqualTo(3);
        assertThat(review.changes()).as("rework loops").isEqualTo(1);
        assertThat(review.rejections()).isEqualTo(1);
        assertThat(review.rejectionRate()).isEqualTo(33.3);

        ApprovalAnalytics.Stats revise = stages.get("Revise post");
        assertThat(revise.tasks()).isEqualTo(1);
        assertThat(revise.waitingMedian()).as("assigned to the author at creation").isEqualTo(0.0);
        assertThat(revise.workingMedian()).isCloseTo(hoursMs(2), within(1.0));
        assertThat(revise.decisions()).isZero();
    }

    @Test
    void whoHoldsPostsLongest() {
        Map<String, ApprovalAnalytics.Stats> reviewers = byKey(analytics.byReviewer(march));
        assertThat(reviewers).containsOnlyKeys("reviewer", "manager");
        // reviewer: waiting 2h and 30h → median 16h, p90 = 2 + 0.9 × 28 = 27.2h; working 1h and 6h → median 3.5h
        assertThat(reviewers.get("reviewer").waitingMedian()).isCloseTo(hoursMs(16), within(1.0));
        assertThat(reviewers.get("reviewer").waitingP90()).isCloseTo(hoursMs(27.2), within(1.0));
        assertThat(reviewers.get("reviewer").workingMedian()).isCloseTo(hoursMs(3.5), within(1.0));
        assertThat(reviewers.get("manager").waitingMedian()).isCloseTo(hoursMs(4), within(1.0));
        assertThat(analytics.byReviewer(march).get(0).key()).as("slowest first").isEqualTo("reviewer");

        InsightsDashboard.Dashboard d = dashboards.build(march);
        assertThat(d.slowestStage().key()).isEqualTo("Review post");
        assertThat(d.slowestReviewer().key()).isEqualTo("reviewer");
        assertThat(byKey(analytics.byChannel(march)).get("local").decisions()).isEqualTo(3);
        assertThat(byKey(analytics.byCampaign(march)).get(campaign).rejections()).isEqualTo(1);
    }

    @Test
    void stuckNowAndThroughput() {
        Instant now = T0.plusSeconds(48 * 3600);
        List<ApprovalAnalytics.Stuck> stuck = analytics.stuckNow(march, now, 10);
        assertThat(stuck).extracting(ApprovalAnalytics.Stuck::postId).containsExactly(c.getId());
        assertThat(stuck.get(0).overdueMillis(now)).isCloseTo(hoursMs(23), within(1.0));
        assertThat(stuck.get(0).cockpitUrl())
                .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + c.getProcessInstanceId());
        assertThat(analytics.stuckCount(march, now)).isEqualTo(1);
        assertThat(analytics.stuckNow(march, T0.plusSeconds(24 * 3600), 10)).as("nothing was due yet at t0+24h").isEmpty();

        List<ApprovalAnalytics.Week> weeks = analytics.throughput(march);
        assertThat(weeks).hasSize(1);
        ApprovalAnalytics.Week week = weeks.get(0);
        assertThat(week.week()).isEqualTo(LocalDate.of(2020, 3, 2));
        assertThat(week.submitted()).isEqualTo(3);
        assertThat(week.approvals()).isEqualTo(1);
        assertThat(week.changes()).isEqualTo(1);
        assertThat(week.rejections()).isEqualTo(1);
    }

    @Test
    void heatMapAndFilters() {
        InsightsDashboard.Dashboard d = dashboards.build(march);
        Map<String, InsightsDashboard.Heat> heat = d.heat().stream()
                .collect(Collectors.toMap(InsightsDashboard.Heat::activityId, Function.identity()));
        assertThat(heat.get("review").level()).as("the slowest step is the hottest").isEqualTo(4);
        assertThat(heat.get("revise").level()).isZero();
        assertThat(heat.get("review").hours()).isEqualTo(4.0);

        // another campaign, another period: nothing
        assertThat(analytics.byStage(new InsightsFilter(march.from(), march.to(), campaign + "-other", null))).isEmpty();
        assertThat(analytics.byStage(new InsightsFilter(LocalDate.of(2020, 4, 1), LocalDate.of(2020, 4, 30), campaign, null)))
                .isEmpty();
        // the stages table as CSV: the hand-computed hours
        String csv = d.table("stages").csv();
        assertThat(csv).startsWith("Stage,Step,Tasks,Waiting median (h),Waiting p90 (h)")
                .contains("Review post,review,3,4,24.8,1,5,1,3,1,1,33.3");
    }

    static Map<String, ApprovalAnalytics.Stats> byKey(List<ApprovalAnalytics.Stats> stats) {
        return stats.stream().collect(Collectors.toMap(ApprovalAnalytics.Stats::key, Function.identity()));
    }

    static double hoursMs(double h) {
        return h * 3_600_000d;
    }
}
