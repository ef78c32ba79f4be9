package io.greenlight.notify;

import io.greenlight.team.InviteIssued;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** E-mails an invited user their one-time link (queued in the outbox with the new user, sent afterwards). */
@Component
class InviteMail {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Outbox outbox;

    InviteMail(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(InviteIssued e) {
        String text = "Hello " + e.name() + ",\n\n" + e.invitedBy() + " added you to Greenlight, where the team reviews and "
                + "publishes its social media posts. Your user name is " + e.userId() + ".\n\nChoose your password here "
                + "(the link works once, until " + WHEN.format(e.validUntil().atZoneSameInstant(ZoneOffset.UTC)) + "):\n"
                + e.link() + "\n\nIf you did not expect this, ignore this e-mail.\n";
        outbox.email("invite", e.userId(), e.email(), "You are invited to Greenlight", text, null, null);
    }
}
