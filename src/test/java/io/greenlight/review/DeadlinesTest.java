package io.greenlight.review;

import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.team.TeamSettings;
import io.greenlight.team.Teams;
import io.greenlight.team.WorkingCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The review clock: SLA vs publishing time, per-stage/channel SLAs, working hours, time zones and DST. */
class DeadlinesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final PostProgress posts = mock(PostProgress.class);
    final Teams teams = mock(Teams.class);

    Deadlines deadlines(DeadlineSettings settings) {
        when(teams.calendar(anyString())).thenReturn(WorkingCalendar.always(ZoneId.of("UTC")));
        return new Deadlines(settings, posts, teams);
    }

    static Post post(OffsetDateTime scheduledAt, String campaign, List<String> channels) {
        Post post = mock(Post.class);
        when(post.getScheduledAt()).thenReturn(scheduledAt);
        when(post.getCampaign()).thenReturn(campaign);
        when(post.channels()).thenReturn(channels);
        return post;
    }

    static void clock(String isoInstant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(isoInstant)));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aWeekendPostForMondayIsDueOneSlaAfterSubmissionWhenThatIsEarlier() {
        clock("2026-11-27T17:00:00Z"); // Friday 17:00
        Post post = post(OffsetDateTime.parse("2026-11-30T09:00:00Z"), null, List.of("local")); // Monday 09:00
        Instant due = deadlines(DeadlineSettings.defaults()).due(post, "review", null);
        assertThat(due).isEqualTo(Instant.parse("2026-11-28T17:00:00Z")).isBefore(Instant.parse("2026-11-30T07:00:00Z"));
    }

    @Test
    void aLastMinutePostIsDueTheLeadTimeBeforeItsPublishingTime() {
        clock("2026-11-27T09:00:00Z");
        Post post = post(OffsetDateTime.parse("2026-11-27T15:00:00Z"), null, List.of("local"));
        assertThat(deadlines(DeadlineSettings.defaults()).due(post, "review", null))
                .isEqualTo(Instant.parse("2026-11-27T13:00:00Z"));
    }

    @Test
    void aPostPublishingAlmostAtOnceStillGetsTheMinimumClock() {
        clock("2026-11-27T09:00:00Z");
        Post post = post(OffsetDateTime.parse("2026-11-27T09:30:00Z"), null, List.of("local"));
        assertThat(deadlines(DeadlineSettings.defaults()).due(post, "review", null))
                .isEqualTo(Instant.parse("2026-11-27T09:15:00Z"));
    }

    @Test
    void aPostPreparedWeeksAheadUsesTheSla() {
        clock("2026-12-01T10:00:00Z");
        Post post = post(OffsetDateTime.parse("2026-12-24T08:00:00Z"), null, List.of("local"));
        assertThat(deadlines(DeadlineSettings.defaults()).due(post, "review", null))
                .isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void theStageCampaignAndChannelSlasApplyTheShortestSpecificOne() {
        DeadlineSettings settings = new DeadlineSettings(Duration.ofHours(24), Map.of("legal", Duration.ofHours(48)),
                Map.of("mastodon", Duration.ofHours(36)), Map.of("Black Friday", Duration.ofHours(40)),
                Duration.ofHours(2), Duration.ofMinutes(15), Duration.ofMinutes(15), "reviewers");
        Deadlines d = deadlines(settings);
        assertThat(d.sla(post(null, null, List.of("local")), "legal")).isEqualTo(Duration.ofHours(48));
        assertThat(d.sla(post(null, null, List.of("local")), "review")).isEqualTo(Duration.ofHours(24));
        assertThat(d.sla(post(null, "Black Friday", List.of("local")), "legal")).isEqualTo(Duration.ofHours(40));
        assertThat(d.sla(post(null, "Black Friday", List.of("local", "mastodon")), "legal")).isEqualTo(Duration.ofHours(36));
        clock("2026-11-02T08:00:00Z");
        assertThat(d.due(post(null, null, List.of("local")), "legal", null)).isEqualTo(Instant.parse("2026-11-04T08:00:00Z"));
        assertThat(d.due(post(null, null, List.of("local")), "legal", Duration.ofHours(6)))
                .as("the diagram's own SLA wins").isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
    }

    @Test
    void anElapsedSlaAcrossTheSpringDstChangeIsTwentyFourRealHours() {
        // Saturday 28 March 2026, 12:00 in Berlin (CET, UTC+1); clocks go forward on Sunday 29 March at 02:00
        ZonedDateTime start = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, BERLIN);
        Instant due = WorkingCalendar.always(BERLIN).plus(start.toInstant(), Duration.ofHours(24));
        assertThat(due).isEqualTo(start.toInstant().plus(Duration.ofHours(24)));
        assertThat(due.atZone(BERLIN).toLocalTime().getHour()).as("13:00 on the wall clock (CEST)").isEqualTo(13);
    }

    @Test
    void workingHoursStretchTheSlaOverTheWeekendAndKeepTheWindowAcrossDst() {
        TeamSettings team = new TeamSettings("reviewers", "Europe/Berlin", OffsetDateTime.now());
        team.workingHours(true, "09:00", "17:00", "MON,TUE,WED,THU,FRI", null, OffsetDateTime.now());
        WorkingCalendar calendar = WorkingCalendar.of(team);
        // Friday 27 March 2026, 15:00 CET: 2 h left on Friday, 6 h on Monday 30 March (now CEST)
        ZonedDateTime start = ZonedDateTime.of(2026, 3, 27, 15, 0, 0, 0, BERLIN);
        Instant due = calendar.plus(start.toInstant(), Duration.ofHours(8));
        assertThat(due.atZone(BERLIN)).isEqualTo(ZonedDateTime.of(2026, 3, 30, 15, 0, 0, 0, BERLIN));
        assertThat(due).isEqualTo(Instant.parse("2026-03-30T13:00:00Z"));

        // submitted outside working hours: the clock starts at 09:00 the next working day
        Instant night = ZonedDateTime.of(2026, 3, 30, 22, 0, 0, 0, BERLIN).toInstant();
        assertThat(calendar.plus(night, Duration.ofHours(1)).atZone(BERLIN))
                .isEqualTo(ZonedDateTime.of(2026, 3, 31, 10, 0, 0, 0, BERLIN));
    }

    @Test
    void holidaysAreNotWorkingDays() {
        TeamSettings team = new TeamSettings("legal", "Europe/Berlin", OffsetDateTime.now());
        team.workingHours(true, "09:00", "17:00", "MON,TUE,WED,THU,FRI", "2026-12-24, 2026-12-25", OffsetDateTime.now());
        WorkingCalendar calendar = WorkingCalendar.of(team);
        Instant wednesday = ZonedDateTime.of(2026, 12, 23, 16, 0, 0, 0, BERLIN).toInstant();
        // 1 h on Wednesday, Thursday and Friday are holidays, the weekend is off: Monday 28th, 10:00
        assertThat(calendar.plus(wednesday, Duration.ofHours(2)).atZone(BERLIN))
                .isEqualTo(ZonedDateTime.of(2026, 12, 28, 10, 0, 0, 0, BERLIN));
    }

    @Test
    void theTeamsCalendarStretchesTheDueDateButThePublishingTimeStillCaps() {
        clock("2026-11-27T16:00:00Z"); // Friday 17:00 in Berlin
        TeamSettings team = new TeamSettings("reviewers", "Europe/Berlin", OffsetDateTime.now());
        team.workingHours(true, "09:00", "17:00", "MON,TUE,WED,THU,FRI", null, OffsetDateTime.now());
        when(teams.calendar("reviewers")).thenReturn(WorkingCalendar.of(team));
        Deadlines d = new Deadlines(DeadlineSettings.defaults(), posts, teams);
        // 24 working hours from Friday evening: Wednesday 17:00; the publishing time Monday 09:00 UTC caps it at 07:00
        assertThat(d.due(post(null, null, List.of("local")), "review", null)).isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
        assertThat(d.due(post(OffsetDateTime.parse("2026-11-30T09:00:00Z"), null, List.of("local")), "review", null))
                .isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
    }

    @Test
    void remindersComeHalfWayOrOneDayBefore() {
        clock("2026-11-27T17:00:00Z");
        Deadlines d = deadlines(DeadlineSettings.defaults());
        assertThat(d.reminderFor(Instant.parse("2026-11-28T17:00:00Z"))).isEqualTo(Instant.parse("2026-11-28T05:00:00Z"));
        assertThat(d.reminderFor(Instant.parse("2026-11-30T17:00:00Z"))).isEqualTo(Instant.parse("2026-11-29T17:00:00Z"));
        assertThat(d.reminderFor(Instant.parse("2026-11-27T16:00:00Z"))).as("never in the past").isEqualTo(Instant.parse("2026-11-27T17:00:00Z"));
    }

    @Test
    void anApprovalIsLateOnlyBeyondTheGrace() {
        clock("2026-11-30T09:20:00Z");
        Deadlines d = deadlines(DeadlineSettings.defaults());
        assertThat(d.approvedLate(post(OffsetDateTime.parse("2026-11-30T09:00:00Z"), null, List.of()))).isTrue();
        assertThat(d.approvedLate(post(OffsetDateTime.parse("2026-11-30T09:10:00Z"), null, List.of()))).isFalse();
        assertThat(d.approvedLate(post(null, null, List.of()))).as("no publishing time, never late").isFalse();
    }
}
