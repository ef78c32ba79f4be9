package io.greenlight.process;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.notify.Delivery;
import io.greenlight.notify.DeliveryRepository;
import io.greenlight.notify.Outbox;
import io.greenlight.post.Post;
import io.greenlight.team.Teams;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The reminder drawn in the diagram reaches people by e-mail (text + HTML with the direct link, checked in
 * GreenMail) and the team's Slack-compatible chat webhook (checked against WireMock); a broken SMTP server never
 * blocks or rolls back the review, and the outbox retries.
 */
class NotificationDeliveryProcessTest extends PeopleProcessSupport {

    static final String REMINDER = "Event_ReviewReminder";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired JavaMailSender mailSender;
    @Autowired Outbox outbox;
    @Autowired DeliveryRepository deliveries;
    @Autowired Teams teams;

    WireMockServer chat;

    @BeforeEach
    void smtpAndChat() {
        smtpPort(greenMail.getSmtp().getPort());
        chat = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        chat.start();
        drainEverythingPendingBefore();
    }

    @AfterEach
    void stopChat() {
        chat.stop();
        teams.saveChat("reviewers", null, null);
        smtpPort(9);
    }

    void smtpPort(int port) {
        ((JavaMailSenderImpl) mailSender).setPort(port);
    }

    /** Other tests queue mail that is never sent; mark it failed so only this test's messages go out here. */
    void drainEverythingPendingBefore() {
        deliveries.findAll().stream().filter(d -> d.getStatus() == Delivery.Status.PENDING)
                .forEach(d -> deliveries.delete(d));
    }

    ProcessInstance remindedPost(Post post) {
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);
        as(REVIEWER, () -> taskService.claim(review.getId(), "reviewer"));
        clockAt(plus(now, Duration.ofHours(12)));
        managementService.executeJob(job(instance, REMINDER).getId());
        return instance;
    }

    @Test
    void theReminderIsEmailedWithTextHtmlAndADirectLinkToTheTask() throws Exception {
        Post post = createPost(CREATOR, "Mailed reminder", null);
        ProcessInstance instance = remindedPost(post);
        Task review = openTask(instance, REVIEW);

        assertThat(outbox.drain()).isGreaterThanOrEqualTo(1);

        MimeMessage mail = received("reviewer@greenlight.local", "Reminder");
        assertThat(mail.getSubject()).isEqualTo("[Greenlight] Reminder: \"" + reload(post).getTitle()
                + "\" is waiting for your review.");
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        String link = "https://greenlight.test/inbox#task-" + review.getId();
        assertThat(text).contains("Hello reviewer", reload(post).getTitle(), "Open the task: " + link);
        assertThat(html).contains("href=\"" + link + "\"", "Open the task", "Hello <span>reviewer</span>");

        List<Delivery> sent = outbox.of(post.getId()).stream().filter(d -> d.getEvent().equals("reminder")).toList();
        assertThat(sent).extracting(Delivery::getStatus).containsOnly(Delivery.Status.SENT);
        assertThat(timelineNotes(post)).anyMatch(t -> t.startsWith("Reminder sent to reviewer (in-app, e-mail)"))
                .anyMatch(t -> t.startsWith("E-mail \"[Greenlight] Reminder") && t.endsWith(" to reviewer sent"));
    }

    @Test
    void aBrokenSmtpServerNeitherBlocksNorRollsBackTheReviewAndTheOutboxRetries() throws Exception {
        smtpPort(9); // nothing listens there
        Post post = createPost(CREATOR, "SMTP down", null);
        ProcessInstance instance = remindedPost(post);
        assertThat(instance).hasPassed("Activity_RemindReviewers").isWaitingAt(REVIEW);

        assertThat(outbox.drain()).isZero();
        Delivery failed = outbox.of(post.getId()).stream().filter(d -> d.getEvent().equals("reminder")).findFirst().orElseThrow();
        assertThat(failed.getStatus()).isEqualTo(Delivery.Status.PENDING);
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getLastError()).isNotBlank();

        // the review goes on as if nothing happened
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);

        // SMTP is back: after the back-off (1 min) the retry delivers
        smtpPort(greenMail.getSmtp().getPort());
        assertThat(outbox.drain()).as("not before the back-off").isZero();
        clockAt(plus(now, Duration.ofHours(12).plusMinutes(2)));
        assertThat(outbox.drain()).isGreaterThanOrEqualTo(1);
        assertThat(received("reviewer@greenlight.local", "Reminder")).isNotNull();
        assertThat(deliveries.findById(failed.getId()).orElseThrow().getStatus()).isEqualTo(Delivery.Status.SENT);
    }

    @Test
    void theTeamsChatWebhookGetsASlackCompatiblePayloadWithTheLink() throws Exception {
        chat.stubFor(post(urlEqualTo("/services/T000/B000/XXXX")).willReturn(aResponse().withStatus(200).withBody("ok")));
        teams.saveChat("reviewers", chat.baseUrl() + "/services/T000/B000/XXXX", "reminder, escalation");
        Post post = createPost(CREATOR, "Chat reminder", null);
        ProcessInstance instance = submit(CREATOR, post);
        Task review = openTask(instance, REVIEW);
        clockAt(plus(now, Duration.ofHours(12)));
        managementService.executeJob(job(instance, REMINDER).getId());

        outbox.drain();

        chat.verify(1, postRequestedFor(urlEqualTo("/services/T000/B000/XXXX"))
                .withHeader("Content-Type", equalTo("application/json")));
        JsonNode payload = new ObjectMapper().readTree(chat.getAllServeEvents().get(0).getRequest().getBodyAsString());
        String title = reload(post).getTitle();
        assertThat(payload.path("text").asText()).startsWith("Reminder: \"" + title + "\" is waiting for your review.")
                .endsWith("/inbox#task-" + review.getId());
        JsonNode section = payload.path("blocks").get(0);
        assertThat(section.path("type").asText()).isEqualTo("section");
        assertThat(section.path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.path("text").path("text").asText()).startsWith("*Reminder*\n")
                .contains(title).endsWith("<https://greenlight.test/inbox#task-" + review.getId() + "|Open in Greenlight>");
        assertThat(timelineNotes(post)).anyMatch(t -> t.contains("chat of reviewers"));
    }

    @Test
    void aChatThatAnswersAnErrorIsRetriedNotLost() {
        chat.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
        teams.saveChat("reviewers", chat.baseUrl() + "/hook", "*");
        Post post = createPost(CREATOR, "Chat down", null);
        ProcessInstance instance = submit(CREATOR, post);
        clockAt(plus(now, Duration.ofHours(12)));
        managementService.executeJob(job(instance, REMINDER).getId());

        outbox.drain();
        Delivery d = outbox.of(post.getId()).stream().filter(x -> x.getRecipient().equals("team:reviewers")
                && x.getEvent().equals("reminder")).findFirst().orElseThrow();
        assertThat(d.getStatus()).isEqualTo(Delivery.Status.PENDING);
        assertThat(d.getLastError()).contains("500");
        assertThat(instance).isWaitingAt(REVIEW);
    }

    /** The first body part of this type, however deep (mixed → related → alternative). */
    static String part(jakarta.mail.Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof MimeMultipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                String found = part(multi.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    MimeMessage received(String to, String subjectPart) throws Exception {
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(to) && m.getSubject().contains(subjectPart)) {
                return m;
            }
        }
        throw new AssertionError("no mail to " + to + " about " + subjectPart + "; got "
                + greenMail.getReceivedMessages().length + " messages");
    }
}
