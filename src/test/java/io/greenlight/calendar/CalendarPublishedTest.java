package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.security.LoopbackClient;
import io.greenlight.testing.EngineUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A post approved "as soon as possible" has no scheduled time; once published it stands on the calendar at the time it
 * went out, in the hour row of the week and day grids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CalendarPublishedTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", java.util.Set.of(Groups.CREATORS));

    @LocalServerPort int port;
    @Autowired PostService posts;
    @Autowired PostRepository postRepository;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired ManagementService management;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aPublishedPostWithoutAScheduledTimeShowsAtItsPublishTime() {
        // a quiet day of its own, far ahead, so no other test's posts share the grid
        OffsetDateTime now = OffsetDateTime.of(2033, 3, 1, 14, 27, 0, 0, ZoneOffset.UTC)
                .plusDays(ThreadLocalRandom.current().nextInt(0, 300));
        ClockUtil.setCurrentTime(Date.from(now.toInstant()));
        String title = "Out as soon as approved " + System.nanoTime();
        Post post = posts.create(CREATOR, new PostCommand(title, null, null, "UTC",
                List.of(new VariantContent("local", "Right now", null))));
        Post submitted = posts.submit(CREATOR, post.getId());
        Task review = tasks.createTaskQuery().processInstanceId(submitted.getProcessInstanceId()).taskDefinitionKey("review")
                .singleResult();
        EngineUser.as(identity, new CurrentUser("reviewer", Set.of(Groups.REVIEWERS)), () -> {
            tasks.claim(review.getId(), "reviewer");
            tasks.complete(review.getId(), Map.of("decision", "approve"));
        });
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(submitted.getProcessInstanceId()).executable().list();
            if (due.isEmpty()) {
                break;
            }
            due.forEach(j -> management.executeJob(j.getId()));
        }
        Post published = postRepository.findById(post.getId()).orElseThrow();
        assertThat(published.getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(published.getScheduledAt()).as("approved without a time").isNull();

        LoopbackClient manager = LoopbackClient.signedIn(port, "manager");
        String day = now.toLocalDate().toString();
        String week = manager.get("/calendar?view=week&zone=UTC&date=" + day, Map.of()).body();
        assertThat(hourRow(week, "14:00")).contains(title, "14:27", "Published");
        assertThat(hourRow(week, "13:00")).doesNotContain(title);
        String dayView = manager.get("/calendar?view=day&zone=UTC&date=" + day, Map.of()).body();
        assertThat(hourRow(dayView, "14:00")).contains(title, "14:27");
        // in another zone it moves with the reader: 14:27 UTC is 15:27 in Berlin in spring (before DST: CET)
        String berlin = manager.get("/calendar?view=week&zone=Europe/Berlin&date=" + day, Map.of()).body();
        String local = now.atZoneSameInstant(java.time.ZoneId.of("Europe/Berlin")).toLocalTime().toString().substring(0, 5);
        assertThat(hourRow(berlin, local.substring(0, 2) + ":00")).contains(title, local);
        assertThat(manager.get("/calendar?view=list&zone=UTC&date=" + day, Map.of()).body()).contains(title);
        // the legend names every colour
        assertThat(week).contains("cal-legend-bar", "Published (at the time it went out)", "Approved, scheduled", "In review");
    }

    /** The row of the hourly grid that starts at {@code hour}. */
    static String hourRow(String page, String hour) {
        int start = page.indexOf("<th scope=\"row\" class=\"cal-hour\">" + hour + "</th>");
        assertThat(start).as("hour row %s", hour).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
