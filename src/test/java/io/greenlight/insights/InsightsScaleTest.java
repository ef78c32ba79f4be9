package io.greenlight.insights;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards stay fast on a large history: 10,000 published posts of 2018, each with a review round in the
 * engine's history tables (claimed after i mod 10 hours, decided one hour later, every fifth sent back for changes)
 * and a metrics reading, written in bulk as the engine would have. The whole dashboard is SQL aggregates, so it
 * builds in well under the page budget of the benchmark (measured there, -Pbench); here the numbers are checked.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class InsightsScaleTest {

    static final int POSTS = 10_000;
    static final Instant START = Instant.parse("2018-01-01T08:00:00Z");

    @Autowired JdbcTemplate jdbc;
    @Autowired InsightsDashboard dashboards;

    @Test
    void tenThousandHistoricPosts() {
        String campaign = "scale-" + System.nanoTime();
        String definition = jdbc.queryForObject("select ID_ from ACT_RE_PROCDEF where KEY_ = 'post-approval'"
                + " order by VERSION_ desc fetch first 1 rows only", String.class);
        List<Object[]> posts = new ArrayList<>();
        List<Object[]> variants = new ArrayList<>();
        List<Object[]> metrics = new ArrayList<>();
        List<Object[]> instances = new ArrayList<>();
        List<Object[]> tasks = new ArrayList<>();
        List<Object[]> claims = new ArrayList<>();
        List<Object[]> comments = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            String id = UUID.randomUUID().toString();
            String pi = "scale-pi-" + id;
            String task = "scale-task-" + id;
            Instant created = START.plusSeconds(i * 3000L);
            Instant claimed = created.plusSeconds((i % 10) * 3600L);
            Instant decided = claimed.plusSeconds(3600);
            posts.add(new Object[]{id, "Scale " + i, "creator", campaign, "UTC", "PUBLISHED", 1, ts(created), ts(decided)});
            variants.add(new Object[]{id, "Scale text " + i, ts(decided.plusSeconds(60))});
            metrics.add(new Object[]{id, i % 7, i % 3, i % 2, ts(decided.plusSeconds(86400))});
            instances.add(new Object[]{pi, pi, id, definition, ts(created), ts(decided.plusSeconds(60))});
            tasks.add(new Object[]{task, "review", definition, pi, pi, "Review post", "reviewer", ts(created), ts(decided),
                    decided.toEpochMilli() - created.toEpochMilli(), ts(created.plusSeconds(86400))});
            claims.add(new Object[]{"scale-op-" + id, task, pi, ts(claimed)});
            comments.add(new Object[]{"scale-c-" + id, task, pi, ts(decided), i % 5 == 0 ? "Changes requested: more" : "Approved"});
        }
        jdbc.batchUpdate("insert into post (id, title, author, campaign, time_zone, status, content_version, created_at,"
                + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", posts);
        jdbc.batchUpdate("insert into post_variant (post_id, channel_key, text, status, published_at)"
                + " values (?, 'local', ?, 'PUBLISHED', ?)", variants);
        jdbc.batchUpdate("insert into variant_metric (post_id, channel_key, reading, likes, reposts, replies, read_at)"
                + " values (?, 'local', '24h', ?, ?, ?, ?)", metrics);
        jdbc.batchUpdate("insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_,"
                + " START_TIME_, END_TIME_, STATE_) values (?, ?, ?, 'post-approval', ?, ?, ?, 'COMPLETED')", instances);
        jdbc.batchUpdate("insert into ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, PROC_INST_ID_,"
                + " EXECUTION_ID_, NAME_, ASSIGNEE_, START_TIME_, END_TIME_, DURATION_, DUE_DATE_, DELETE_REASON_, PRIORITY_)"
                + " values (?, ?, 'post-approval', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'completed', 50)", tasks);
        jdbc.batchUpdate("insert into ACT_HI_OP_LOG (ID_, TASK_ID_, PROC_INST_ID_, TIMESTAMP_, OPERATION_TYPE_,"
                + " ENTITY_TYPE_, PROPERTY_, NEW_VALUE_, USER_ID_, CATEGORY_) values (?, ?, ?, ?, 'Claim', 'Task',"
                + " 'assignee', 'reviewer', 'reviewer', 'TaskWorker')", claims);
        jdbc.batchUpdate("insert into ACT_HI_COMMENT (ID_, TYPE_, TASK_ID_, PROC_INST_ID_, TIME_, USER_ID_, MESSAGE_, REV_)"
                + " values (?, 'comment', ?, ?, ?, 'reviewer', ?, 1)", comments);

        // the whole year at once (the worst case): the numbers add up
        InsightsFilter year = new InsightsFilter(LocalDate.of(2018, 1, 1), LocalDate.of(2018, 12, 31), campaign, null);
        long t = System.nanoTime();
        InsightsDashboard.Dashboard d = dashboards.build(year);
        System.out.println("Insights dashboard over " + POSTS + " historic posts, all in the period: "
                + (System.nanoTime() - t) / 1_000_000 + " ms");
        ApprovalAnalytics.Stats review = d.reviews();
        assertThat(review.decisions()).isEqualTo(POSTS);
        assertThat(review.changes()).isEqualTo(POSTS / 5);
        // waiting is 0..9 h, 1,000 posts each: median 4.5 h
        assertThat(review.waitingMedian()).isEqualTo(4.5 * 3_600_000);
        assertThat(review.workingMedian()).isEqualTo(3_600_000.0);
        assertThat(d.kpis().published()).isEqualTo(POSTS);
        assertThat(d.table("throughput").rows()).hasSizeGreaterThan(40);
        assertThat(d.table("throughput").rows().stream().mapToLong(r -> (Long) r.get(3)).sum()).isEqualTo(POSTS / 5);

        // what the page shows by default: one month of a 10,000-post history (~900 posts)
        timed("approval by stage, one month", () -> approval.byStage(month(campaign)));
        timed("content totals, one month", () -> kpis.total(month(campaign)));
        t = System.nanoTime();
        InsightsDashboard.Dashboard january = dashboards.build(month(campaign));
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.println("Insights dashboard for one month of " + POSTS + " historic posts: " + ms + " ms");
        // one month holds 31 days x 24 h / 50 min = ~893 posts; the page budget itself is measured by the
        // benchmark suite (PerformanceBench, -Pbench), never asserted in a timed test
        assertThat(january.reviews().decisions()).isBetween(800L, 1000L);
    }

    static InsightsFilter month(String campaign) {
        return new InsightsFilter(LocalDate.of(2018, 1, 1), LocalDate.of(2018, 1, 31), campaign, null);
    }

    @Autowired ApprovalAnalytics approval;
    @Autowired ContentKpis kpis;

    static void timed(String name, java.util.function.Supplier<?> work) {
        long t = System.nanoTime();
        work.get();
        System.out.println("Insights query " + name + ": " + (System.nanoTime() - t) / 1_000_000 + " ms");
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
