package io.greenlight.process;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.greenlight.notify.Delivery;
import io.greenlight.notify.DeliveryRepository;
import io.greenlight.notify.Outbox;
import io.greenlight.post.Post;
import io.greenlight.post.PostTimeline;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 *, "Done when": a post submitted Friday 17:00 for Monday 09:00 gets a due date before Monday 07:00, a reminder
 * e-mail before it, an escalation to {@code managers} if still open, and its reviewer's backup receives it while the
 * reviewer is away — each visible as a timeline entry on the post.
 */
class DoneWhenEndToEndTest extends PeopleProcessSupport {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final Instant FRIDAY_17 = Instant.parse("2030-11-29T17:00:00Z");
    static final OffsetDateTime MONDAY_09 = OffsetDateTime.parse("2030-12-02T09:00:00Z");
    static final Instant MONDAY_07 = Instant.parse("2030-12-02T07:00:00Z");

    @Autowired JavaMailSender mailSender;
    @Autowired Outbox outbox;
    @Autowired DeliveryRepository deliveries;
    @Autowired PostTimeline timeline;
    @Autowired io.greenlight.team.AbsenceRepository absenceRepository;

    @BeforeEach
    void fridayEvening() {
        ((JavaMailSenderImpl) mailSender).setPort(greenMail.getSmtp().getPort());
        deliveries.findAll().stream().filter(d -> d.getStatus() == Delivery.Status.PENDING).forEach(deliveries::delete);
        now = Date.from(FRIDAY_17);
        clockAt(now);
    }

    @AfterEach
    void closedSmtpAndBackFromTheTrip() {
        ((JavaMailSenderImpl) mailSender).setPort(9);
        absences.of("reviewer").forEach(a -> absenceRepository.delete(a));
    }

    @Test
    void fridayEveningForMondayMorning() throws Exception {
        Post post = createPost(CREATOR, "Monday launch", MONDAY_09);
        ProcessInstance instance = submit(CREATOR, post);

        // 1. due before Monday 07:00 (the SLA, 24 h, ends Saturday 17:00 — earlier than publish time - 2 h)
        Task review = openTask(instance, REVIEW);
        assertThat(review.getDueDate().toInstant()).isBefore(MONDAY_07).isEqualTo(Instant.parse("2030-11-30T17:00:00Z"));
        assertThat(job(instance, "Event_ReviewDeadline").getDuedate()).isEqualTo(review.getDueDate());

        // the reviewer takes it, then leaves for the weekend with manager as backup
        clockAt(Date.from(Instant.parse("2030-11-29T17:10:00Z")));
        as(REVIEWER, () -> taskService.claim(review.getId(), "reviewer"));
        clockAt(Date.from(Instant.parse("2030-11-29T18:00:00Z")));
        away("reviewer", REVIEWER.groups(), "reviewer", "manager", OffsetDateTime.parse("2030-11-29T18:00:00Z"),
                OffsetDateTime.parse("2030-12-03T08:00:00Z"), "Weekend trip");

        // 2. the backup has it
        assertThat(openTask(instance, REVIEW)).isAssignedTo("manager");

        // 3. the reminder (half-way: Saturday 05:00) is e-mailed to whoever holds the task: the backup
        Date remindAt = job(instance, "Event_ReviewReminder").getDuedate();
        assertThat(remindAt.toInstant()).isEqualTo(Instant.parse("2030-11-30T05:00:00Z")).isBefore(review.getDueDate().toInstant());
        clockAt(remindAt);
        managementService.executeJob(job(instance, "Event_ReviewReminder").getId());
        outbox.drain();
        MimeMessage reminder = Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return GreenMailUtil.getAddressList(m.getAllRecipients()).contains("manager@greenlight.local")
                        && m.getSubject().startsWith("[Greenlight] Reminder: \"" + reload(post).getTitle());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no reminder e-mail to the backup"));
        assertThat(GreenMailUtil.getBody(reminder)).contains("/inbox#task-" + review.getId());

        // 4. still open at the due date: managers become candidates and are told
        clockAt(Date.from(Instant.parse("2030-11-30T17:00:01Z")));
        managementService.executeJob(job(instance, "Event_ReviewDeadline").getId());
        assertThat(instance).hasPassed("Activity_InvolveManagers", "Activity_NotifyManagers").isWaitingAt(REVIEW);
        assertThat(candidateGroups(openTask(instance, REVIEW))).contains("managers");

        // 5. each step is on the post's timeline
        List<PostTimeline.Entry> entries = timeline.of(reload(post));
        assertThat(entries).anySatisfy(e -> assertThat(e.kind()).isEqualTo("due")
                .satisfies(k -> assertThat(e.text()).isEqualTo("\"Review post\" is due Sat 30 Nov 2030, 17:00 UTC")));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("backup");
            assertThat(e.text()).isEqualTo("\"Review post\" assigned to manager as backup of reviewer (away until "
                    + "2030-12-03 08:00 UTC): Weekend trip");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("reminder");
            assertThat(e.text()).startsWith("Reminder sent to manager (in-app, e-mail)");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("delivered");
            assertThat(e.text()).startsWith("E-mail \"[Greenlight] Reminder").endsWith("to manager sent");
            assertThat(e.time().toInstant()).isBefore(review.getDueDate().toInstant());
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("escalation");
            assertThat(e.text()).startsWith("Escalation sent to ").contains("manager", "admin");
        });
        // and in time order, after the engine's own entries
        assertThat(entries).extracting(PostTimeline.Entry::time).isSortedAccordingTo(Date::compareTo);
    }
}
