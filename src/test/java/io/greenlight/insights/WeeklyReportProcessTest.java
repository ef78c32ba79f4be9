package io.greenlight.insights;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.greenlight.post.Post;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

/**
 * The {@code weekly-report} process: its timer start event fires on Monday 07:00, and the report of the week before
 * reaches every subscriber as an HTML e-mail (GreenMail on a free loopback port) with the numbers of a history made
 * at known engine times: in the week of 2019-06-03, "Report A" waited 3 h for its reviewer and took 1 h; "Report B"
 * was never claimed and is stuck.
 */
@SpringBootTest(properties = {"spring.mail.host=127.0.0.1", "greenlight.insights.mail-from=insights@greenlight.local"})
@ActiveProfiles("test")
class WeeklyReportProcessTest extends InsightsTestSupport {

    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        MAIL.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    static final Instant TUESDAY = Instant.parse("2019-06-04T09:00:00Z");
    static final Date MONDAY_MORNING = Date.from(Instant.parse("2019-06-10T07:00:00Z"));

    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired ReportSubscriptions subscriptions;

    @AfterEach
    void nextRunInTheFuture() {
        // the run above scheduled the next Monday of 2019: put the timer back to the real next Monday for other tests
        for (Job job : management.createJobQuery().processDefinitionKey("weekly-report").timers().list()) {
            if (job.getDuedate().before(new Date())) {
                management.setJobDuedate(job.getId(), Date.from(LocalDateTime.now()
                        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).withHour(7).withMinute(0).withSecond(0).withNano(0)
                        .atZone(ZoneId.systemDefault()).toInstant()));
            }
        }
        subscriptions.unsubscribe("manager");
    }

    @Test
    void mondayMorningTheSubscribersGetLastWeeksNumbers() throws Exception {
        Job timer = management.createJobQuery().processDefinitionKey("weekly-report").timers().singleResult();
        assertThat(timer).as("the timer start event of weekly-report").isNotNull();
        LocalDateTime due = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZoneId.systemDefault());
        assertThat(due.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(due.toLocalTime()).hasToString("07:00");

        String campaign = "report-" + System.nanoTime();
        Post a = submitted(Date.from(TUESDAY), "Report A " + campaign, campaign);
        Post b = submitted(Date.from(TUESDAY), "Report B " + campaign, campaign);
        Task review = openTask(a);
        claimAt(Date.from(TUESDAY.plusSeconds(3 * 3600)), REVIEWER, review);
        decideAt(Date.from(TUESDAY.plusSeconds(4 * 3600)), REVIEWER, review, "approve", null);

        subscriptions.subscribe("manager");
        String address = subscriptions.emailOf("manager");
        assertThat(address).as("demo users have an e-mail address").isNotNull();

        // Monday 07:00: the timer fires, the report runs as its own job
        ClockUtil.setCurrentTime(MONDAY_MORNING);
        management.executeJob(timer.getId());
        ProcessInstance run = runtimeService.createProcessInstanceQuery().processDefinitionKey("weekly-report")
                .active().list().stream().findFirst().orElseThrow();
        assertThat(run).isWaitingAt("Activity_SendWeeklyReport");
        execute(management.createJobQuery().processInstanceId(run.getId()).singleResult());
        assertThat(run).isEnded();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName("reportFrom").singleResult().getValue()).isEqualTo("2019-06-03");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName("reportsSent").singleResult().getValue()).isEqualTo(1);
        assertThat(management.createJobQuery().processDefinitionKey("weekly-report").timers().singleResult().getDuedate())
                .as("the next Monday is scheduled").isAfter(MONDAY_MORNING);

        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        List<MimeMessage> mails = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> recipients(m).contains(address)).toList();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("Greenlight insights 2019-06-03 – 2019-06-09");
        assertThat(GreenMailUtil.getAddressList(mail.getFrom())).isEqualTo("insights@greenlight.local");
        assertThat(mail.getContentType()).startsWith("text/html");
        String html = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
        // the stage and the reviewer that held posts longest, with the hand-computed median waiting of 3 h
        assertThat(html).contains("Review post").contains("median waiting 3.0 h").contains("reviewer");
        // the stuck post, one click to its instance in Cockpit
        assertThat(html).contains("Report B " + campaign)
                .contains("/camunda/app/cockpit/default/#/process-instance/" + b.getProcessInstanceId());
        assertThat(html).contains("/insights?from=2019-06-03&amp;to=2019-06-09");
    }

    static String recipients(MimeMessage message) {
        try {
            return GreenMailUtil.getAddressList(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
