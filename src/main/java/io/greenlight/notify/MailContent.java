package io.greenlight.notify;

import io.greenlight.web.PublicAddress;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders notifications: the e-mail's subject, plain text and HTML ({@code templates/mail/notification.html}), the
 * chat text, and the direct link ({@link NotificationLinks}).
 */
@Component
public class MailContent {

    private final ITemplateEngine templates;
    private final PublicAddress address;
    private final NotificationLinks links;

    public MailContent(ITemplateEngine templates, PublicAddress address, NotificationLinks links) {
        this.templates = templates;
        this.address = address;
        this.links = links;
    }

    public record Mail(String subject, String text, String html) {
    }

    public String link(String postId, String taskId) {
        return address.asConfigured(links.path(postId, taskId));
    }

    public String settingsLink() {
        return address.asConfigured("/settings");
    }

    public String subject(NotificationEvent event, String text) {
        String firstLine = text.lines().findFirst().orElse("").strip();
        String s = "[Greenlight] " + (firstLine.regionMatches(true, 0, event.label(), 0, event.label().length())
                ? firstLine : event.label() + ": " + firstLine);
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    public Mail render(NotificationEvent event, String recipient, String text, String postId, String taskId) {
        String link = link(postId, taskId);
        String plain = "Hello " + recipient + ",\n\n" + text + "\n\n"
                + (taskId != null ? "Open the task: " : "Open: ") + link + "\n\n"
                + "--\nGreenlight. Choose which notifications you get by e-mail: " + settingsLink() + "\n";
        return new Mail(subject(event, text), plain, html(event.label(), recipient, List.of(text.split("\n")), link,
                taskId != null ? "Open the task" : "Open in Greenlight", List.of()));
    }

    /** The HTML part; {@code rows} are optional table rows (the digest's tasks). */
    public String html(String heading, String recipient, List<String> paragraphs, String link, String linkLabel,
                       List<Map<String, String>> rows) {
        Context ctx = new Context(Locale.ENGLISH);
        ctx.setVariable("heading", heading);
        ctx.setVariable("recipient", recipient);
        ctx.setVariable("paragraphs", paragraphs);
        ctx.setVariable("link", link);
        ctx.setVariable("linkLabel", linkLabel);
        ctx.setVariable("rows", rows);
        ctx.setVariable("settingsLink", settingsLink());
        return templates.process("mail/notification", ctx);
    }
}
