package io.greenlight.process;

import io.greenlight.notify.Delivery;
import io.greenlight.notify.DeliveryRepository;
import io.greenlight.post.Post;
import io.greenlight.security.UserAccounts;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily digest is a timer-started process; its quarter-hourly cron runs in the server's zone, and each
 * user gets one digest a day when their own zone passes 09:00 — in winter and summer time alike.
 */
class DailyDigestProcessTest extends PeopleProcessSupport {

    @Autowired UserAccounts accounts;
    @Autowired DeliveryRepository deliveries;

    List<Delivery> digestsTo(String user) {
        return deliveries.findAll().stream().filter(d -> d.getEvent().equals("digest") && user.equals(d.getRecipient())).toList();
    }

    void tick(String isoInstant) {
        clockAt(Date.from(Instant.parse(isoInstant)));
        Job timer = managementService.createJobQuery().processDefinitionKey("daily-digest").timers().singleResult();
        assertThat(timer).as("the digest's timer start event is deployed").isNotNull();
        managementService.executeJob(timer.getId());
    }

    @Test
    void eachUserGetsOneDigestAtNineInTheirOwnZone() {
        String berlin = user("h5berlin");
        String newYork = user("h5ny");
        accounts.setTimeZone(berlin, "Europe/Berlin");
        accounts.setTimeZone(newYork, "America/New_York");
        // something waits for both of them
        Post post = createPost(CREATOR, "Digest", null);
        ProcessInstance instance = submit(CREATOR, post);
        taskService.addCandidateUser(openTask(instance, REVIEW).getId(), berlin);
        taskService.addCandidateUser(openTask(instance, REVIEW).getId(), newYork);

        // 08:05 UTC in January = 09:05 in Berlin (CET), 03:05 in New York
        tick("2031-01-15T08:05:00Z");
        assertThat(digestsTo(berlin)).hasSize(1);
        assertThat(digestsTo(newYork)).isEmpty();
        Delivery digest = digestsTo(berlin).get(0);
        assertThat(digest.getSubject()).matches("\\[Greenlight\\] \\d+ approvals? waits? for you");
        assertThat(digest.getBodyText()).contains(reload(post).getTitle(), "/inbox#task-" + openTask(instance, REVIEW).getId());
        assertThat(digest.getBodyHtml()).contains("Your pending approvals", reload(post).getTitle());

        // a quarter later: nothing new for Berlin
        tick("2031-01-15T08:20:00Z");
        assertThat(digestsTo(berlin)).hasSize(1);

        // 14:05 UTC = 09:05 in New York (EST)
        tick("2031-01-15T14:05:00Z");
        assertThat(digestsTo(newYork)).hasSize(1);
        assertThat(digestsTo(berlin)).hasSize(1);

        // summer time: 09:05 in Berlin is 07:05 UTC (CEST)
        tick("2031-07-15T06:05:00Z");
        assertThat(digestsTo(berlin)).as("08:05 in Berlin: too early").hasSize(1);
        tick("2031-07-15T07:05:00Z");
        assertThat(digestsTo(berlin)).hasSize(2);
    }

    @Test
    void nobodyGetsAnEmptyDigest() {
        String idle = user("h5idle");
        accounts.setTimeZone(idle, "Asia/Tokyo");
        tick("2031-02-03T00:05:00Z"); // 09:05 in Tokyo
        assertThat(digestsTo(idle)).isEmpty();
    }
}
