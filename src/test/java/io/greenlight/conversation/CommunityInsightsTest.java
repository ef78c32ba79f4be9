package io.greenlight.conversation;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** First-response p50/p90 against the SLA per person and channel, and the backlog per day. */
class CommunityInsightsTest extends ConversationTestSupport {

    @Autowired CommunityInsights insights;

    @Test
    void firstResponsesAndTheBacklogOfADay() {
        // a day of its own, far from the other tests' conversations; 06:00 UTC
        Date base = Date.from(LocalDate.now(ZoneOffset.UTC).plusDays(800).atTime(6, 0).toInstant(ZoneOffset.UTC));
        now = base;
        ClockUtil.setCurrentTime(now);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(800);
        long openBefore = insights.report(day, day).backlog().get(0).open();
        Conversation quick = receive("Do you ship to Austria?");
        Conversation slow = receive("Where is my order?");
        Conversation open = receive("Hello there");

        ClockUtil.setCurrentTime(new Date(base.getTime() + Duration.ofHours(1).toMillis()));
        answer(COMMUNITY_USER, instanceOf(quick), Map.of("outcome", "reply", "replyText", "Yes!"));
        runJobs(instanceOf(quick));
        ClockUtil.setCurrentTime(new Date(base.getTime() + Duration.ofHours(10).toMillis()));
        var slowInstance = instanceOf(slow);
        answer(COMMUNITY_USER2, slowInstance, Map.of("outcome", "reply", "replyText", "On its way."));
        runJobs(slowInstance);

        CommunityInsights.Report report = insights.report(day, day);
        assertThat(report.overall().received()).isEqualTo(3);
        assertThat(report.overall().answered()).isEqualTo(2);
        assertThat(report.overall().p50Hours()).isEqualTo(1.0);
        assertThat(report.overall().p90Hours()).isEqualTo(10.0);
        assertThat(report.overall().withinSlaPercent()).isEqualTo(100);
        assertThat(report.perPerson()).extracting(CommunityInsights.Row::key, CommunityInsights.Row::p50Hours)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(COMMUNITY_USER2, 10.0),
                        org.assertj.core.groups.Tuple.tuple(COMMUNITY_USER, 1.0));
        assertThat(report.perChannel()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("local");
            assertThat(r.received()).isEqualTo(3);
        });
        assertThat(report.backlog()).singleElement().satisfies(d -> assertThat(d.open())
                .as("the other tests' open conversations, and the one not answered").isEqualTo(openBefore + 1));
        assertThat(reload(open).isOpen()).isTrue();

        // the day after, nothing new was received; the one still open is backlog
        CommunityInsights.Report next = insights.report(day.plusDays(1), day.plusDays(1));
        assertThat(next.overall().received()).isZero();
        assertThat(next.backlog()).singleElement().satisfies(d -> assertThat(d.open()).isGreaterThanOrEqualTo(1));
    }
}
