package io.greenlight.external;

import io.greenlight.web.PublicAddress;
import io.greenlight.notify.Mailer;
import io.greenlight.notify.Notifications;
import io.greenlight.engine.EngineClock;
import io.greenlight.team.Directory;
import io.greenlight.security.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.format.DateTimeFormatter;

/**
 * E-mails a review link to the external approver — only after the transaction that created the link commits, so a
 * rolled-back step never sends a link that does not exist. Plain text: titles and comments are never interpreted as
 * markup. A failure is recorded on the link and told to the managers (in-app), who can resend it. Sent directly through
 * {@link Mailer} rather than queued in the notification outbox: the outbox stores message bodies, and the link is a
 * credential that Greenlight never keeps at rest.
 */
@Component
public class ExternalReviewMailer {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalReviewMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH);

    private final Mailer mailer;
    private final ExternalReviewLinkRepository links;
    private final Notifications notifications;
    private final Directory directory;
    private final TransactionTemplate separate;
    private final PublicAddress address;

    public ExternalReviewMailer(Mailer mailer, ExternalReviewLinkRepository links,
                                Notifications notifications, Directory directory,
                                PlatformTransactionManager transactions,
                                PublicAddress address) {
        this.mailer = mailer;
        this.links = links;
        this.notifications = notifications;
        this.directory = directory;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.address = address;
    }

    /** The address the approver opens. */
    public String url(String token) {
        return address.asConfigured("/external/review/" + token);
    }

    void sendAfterCommit(ExternalReviewLink link, String token, String title) {
        String linkId = link.getId();
        Mail message = message(link, token, title);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(linkId, message, link.getPostId(), title);
                }
            });
        } else {
            deliver(linkId, message, link.getPostId(), title);
        }
    }

    private record Mail(String to, String subject, String text) {
    }

    private Mail message(ExternalReviewLink link, String token, String title) {
        String oneLineTitle = title.replaceAll("[\\r\\n\\t]+", " ").strip();
        return new Mail(link.getApproverEmail(),
                "Please review: " + (oneLineTitle.length() > 120 ? oneLineTitle.substring(0, 120) + "…" : oneLineTitle),
                """
                Hello,

                you are asked to approve a social media post before it is published%s:

                    "%s"

                Open it here (no account needed):
                %s

                The page shows exactly the text that will be published. You can approve it, or request changes with a
                comment. The link works once, until %s, and only for this version of the post: if the post changes,
                you will get a new link.

                If you did not expect this e-mail, you can ignore it.

                Greenlight
                """.formatted(link.getStageName() == null || link.getStageName().isBlank() ? ""
                        : " (" + link.getStageName().replaceAll("[\\r\\n\\t]+", " ") + ")",
                oneLineTitle, url(token), WHEN.format(link.getExpiresAt())));
    }

    private void deliver(String linkId, Mail message, String postId, String title) {
        String error = null;
        if (!mailer.available()) {
            error = "No mail server is configured (spring.mail.host)";
        } else {
            try {
                mailer.send(message.to(), message.subject(), message.text(), null);
            } catch (RuntimeException e) { // MailException and anything the transport throws
                error = "The mail server refused the e-mail: " + e.getMessage();
            }
        }
        String failure = error;
        try {
            separate.executeWithoutResult(status -> links.findById(linkId).ifPresent(link -> {
                if (failure == null) {
                    link.mailed(EngineClock.now());
                } else {
                    link.mailFailed(failure);
                    notifications.send(directory.members(Groups.MANAGERS), "The review link for \"" + title + "\" could not be e-mailed to "
                            + link.getApproverEmail() + ": " + failure + ". Resend it from the post's external reviews.", postId);
                }
            }));
        } catch (RuntimeException e) {
            LOG.warn("Could not record the mail outcome of review link {}", linkId, e);
        }
        if (failure != null) {
            LOG.warn("Review link {} not e-mailed: {}", linkId, failure);
        }
    }
}
