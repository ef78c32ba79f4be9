package io.greenlight.insights;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.util.List;
import java.util.Locale;

/**
 * Renders the dashboard's numbers as an HTML e-mail ({@code templates/insights/email.html}, inline styles for mail
 * clients) and sends it through Spring's {@link JavaMailSender} ({@code spring.mail.*}). Without a configured mail
 * server nothing is sent and the report says so in the log.
 */
@Component
public class WeeklyReportMail {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyReportMail.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final ITemplateEngine templates;
    private final String from;
    private final String baseUrl;

    public WeeklyReportMail(ObjectProvider<JavaMailSender> mail, ITemplateEngine templates,
                            @Value("${greenlight.insights.mail-from:greenlight@localhost}") String from,
                            @Value("${greenlight.base-url:http://localhost:8080}") String baseUrl) {
        this.mail = mail;
        this.templates = templates;
        this.from = from;
        this.baseUrl = baseUrl;
    }

    public String subject(InsightsDashboard.Dashboard dashboard) {
        return "Greenlight insights " + dashboard.filter().from() + " – " + dashboard.filter().to();
    }

    public String render(InsightsDashboard.Dashboard dashboard) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("d", dashboard);
        context.setVariable("baseUrl", baseUrl);
        context.setVariable("durations", Durations.INSTANCE);
        return templates.process("insights/email", context);
    }

    /** Sends the report to every subscriber; returns how many e-mails went out. */
    public int send(InsightsDashboard.Dashboard dashboard, List<ReportSubscriptions.Subscriber> to) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            LOG.warn("Weekly report not e-mailed to {} subscriber(s): no mail server configured (spring.mail.host)", to.size());
            return 0;
        }
        String html = render(dashboard);
        int sent = 0;
        for (ReportSubscriptions.Subscriber s : to) {
            try {
                MimeMessage message = sender.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
                helper.setFrom(from);
                helper.setTo(s.email());
                helper.setSubject(subject(dashboard));
                helper.setText(html, true);
                sender.send(message);
                sent++;
            } catch (MessagingException | org.springframework.mail.MailException e) {
                // one bad address must not keep the report from the others; the job is not retried for it
                LOG.warn("Weekly report to {} failed: {}", s.userId(), e.getMessage());
            }
        }
        return sent;
    }
}
