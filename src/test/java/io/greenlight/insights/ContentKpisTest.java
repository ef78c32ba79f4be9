package io.greenlight.insights;

import io.greenlight.post.Post;
import io.greenlight.publishing.local.FeedEntry;
import io.greenlight.publishing.local.FeedEntryRepository;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Content KPIs on posts published through the real loop: links in the published text go through /r/{code} (unless
 * the post opted out), anonymous clicks are counted per channel, and the sums, the rate and its denominator, the
 * best posts and the time-of-week grid come out as computed by hand. Metrics readings are inserted as the
 * post-metrics process would store them (the local feed has none).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ContentKpisTest extends InsightsTestSupport {

    /** Wednesday 2020-06-03 10:15 UTC: ISO day 3, slot 09–12 (3). */
    static final Instant PUBLISHED = Instant.parse("2020-06-03T10:15:00Z");
    static final Pattern SHORT = Pattern.compile("https://greenlight\\.test/r/([A-Za-z0-9]+)");

    @Autowired MockMvc mvc;
    @Autowired ContentKpis kpis;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.camunda.bpm.engine.HistoryService history;

    @Test
    void clicksEngagementsAndTheirDenominators() throws Exception {
        String campaign = "kpi-" + System.nanoTime();
        Post tracked = publishedAt(PUBLISHED, "Tracked", campaign, "Read more: https://example.com/sale?x=1.", true);
        Post optedOut = publishedAt(PUBLISHED, "Untracked", campaign, "As written: https://example.com/plain", false);

        String trackedText = feedText(tracked);
        Matcher m = SHORT.matcher(trackedText);
        assertThat(m.find()).as("the published text carries a short link: %s", trackedText).isTrue();
        assertThat(trackedText).endsWith(".").doesNotContain("example.com");
        assertThat(feedText(optedOut)).contains("https://example.com/plain").doesNotContain("/r/");

        // two anonymous clicks, one unknown code
        String code = m.group(1);
        for (int i = 0; i < 2; i++) {
            mvc.perform(get("/r/" + code)).andExpect(status().isFound())
                    .andExpect(header().string("Location", "https://example.com/sale?x=1"))
                    .andExpect(header().string("Cache-Control", "no-store"));
        }
        mvc.perform(get("/r/nosuchcode")).andExpect(status().isNotFound());
        assertThat(jdbc.queryForList("select * from link_click c join short_link s on s.code = c.code where s.post_id = ?",
                tracked.getId())).hasSize(2).allSatisfy(row -> assertThat(row.keySet())
                .as("a click stores no address, agent or user").noneMatch(k -> k.matches("(?i).*(ip|agent|user|addr).*")));

        // the latest reading counts: tracked 24h = 5 + 2 + 1 = 8 (its 1h reading of 1 is older); untracked 2
        reading(tracked, "1h", 1, 0, 0, PUBLISHED.plusSeconds(3600));
        reading(tracked, "24h", 5, 2, 1, PUBLISHED.plusSeconds(86400));
        reading(optedOut, "24h", 2, 0, 0, PUBLISHED.plusSeconds(86400));

        InsightsFilter june = new InsightsFilter(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 6, 30), campaign, null);
        ContentKpis.Kpi total = kpis.total(june);
        assertThat(total.published()).isEqualTo(2);
        assertThat(total.withMetrics()).isEqualTo(2);
        assertThat(total.engagements()).isEqualTo(10);
        assertThat(total.engagementRate()).as("10 engagements ÷ 2 variants with a reading").isEqualTo(5.0);
        assertThat(total.clicks()).isEqualTo(2);
        assertThat(total.clicksPerPost()).isEqualTo(1.0);
        assertThat(kpis.byChannel(june)).extracting(ContentKpis.Kpi::key).containsExactly("local");
        assertThat(kpis.byWeek(june)).singleElement().satisfies(w -> assertThat(w.key()).startsWith("2020-06-01"));

        List<ContentKpis.BestPost> best = kpis.best(june, 10);
        assertThat(best).extracting(ContentKpis.BestPost::postId).containsExactly(tracked.getId(), optedOut.getId());
        assertThat(best.get(0).engagements()).isEqualTo(8);
        assertThat(best.get(0).clicks()).isEqualTo(2);

        assertThat(kpis.timeOfWeek(june)).singleElement().satisfies(slot -> {
            assertThat(slot.dayOfWeek()).isEqualTo(3);
            assertThat(slot.slot()).isEqualTo(3);
            assertThat(slot.averageEngagements()).isEqualTo(5.0);
        });
    }

    @Test
    void aShortLinkThatWouldBreakTheLimitIsNotUsed() {
        String campaign = "kpi-limit-" + System.nanoTime();
        // `local` allows 5,000 graphemes: 4,985 + " http://x.io" fits, the ~33-character short link would not
        String nearTheLimit = "a".repeat(4985) + " http://x.io";
        Post full = publishedAt(PUBLISHED, "Full", campaign, nearTheLimit, true);
        assertThat(feedText(full)).as("sent as approved").isEqualTo(nearTheLimit);
        // (a text longer than a String variable holds reaches the review form cut, with a notice)
        String formContent = (String) history.createHistoricVariableInstanceQuery()
                .processInstanceId(full.getProcessInstanceId()).variableName("content").includeDeleted().singleResult().getValue();
        assertThat(formContent).hasSizeLessThanOrEqualTo(4000).startsWith("[local]\naaaa")
                .endsWith("more characters. The whole post is on its page in Greenlight: /posts/" + full.getId() + "]");
        Post roomy = publishedAt(PUBLISHED, "Roomy", campaign, "Short: http://x.io", true);
        assertThat(feedText(roomy)).as("room for the short link").matches("Short: https://greenlight\\.test/r/[A-Za-z0-9]+");
    }

    void reading(Post post, String reading, int likes, int reposts, int replies, Instant at) {
        jdbc.update("insert into variant_metric (post_id, channel_key, reading, likes, reposts, replies, read_at)"
                + " values (?, 'local', ?, ?, ?, ?, ?)", post.getId(), reading, likes, reposts, replies, Timestamp.from(at));
    }
}
