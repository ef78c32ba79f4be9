package io.greenlight.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Greenlight's one way to send an e-mail now (SMTP settings: {@code spring.mail.*}; sender address:
 * {@code greenlight.notify.mail-from}). A message has a plain-text and, optionally, an HTML part.
 * <p>
 * Features should not call {@link #send} inside a business transaction: queue the message with
 * {@link Outbox#email} instead, which stores it with the transaction and sends it afterwards, retried, so a broken
 * SMTP server never blocks or rolls back the work that caused the mail.
 */
@Component
public class Mailer {

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    public Mailer(ObjectProvider<JavaMailSender> sender, @Value("${greenlight.notify.mail-from:greenlight@localhost}") String from) {
        this.sender = sender;
        this.from = from;
    }

    /** Whether SMTP is configured ({@code spring.mail.host}); without it e-mail is not offered. */
    public boolean available() {
        return sender.getIfAvailable() != null;
    }

    /** Sends at once; throws {@link MailException} when the server refuses or cannot be reached. */
    public void send(String to, String subject, String text, String html) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new MailPreparationException("E-mail is not configured (spring.mail.host)");
        }
        MimeMessage message = mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, html != null, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            if (html != null) {
                helper.setText(text, html);
            } else {
                helper.setText(text);
            }
        } catch (MessagingException e) {
            throw new MailPreparationException("Cannot build the e-mail to " + to + ": " + e.getMessage(), e);
        }
        mail.send(message);
    }
}
