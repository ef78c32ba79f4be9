package io.greenlight.notify;

import io.greenlight.post.TimelineNotes;
import io.greenlight.security.SecretBox;
import io.greenlight.engine.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * The transactional outbox of e-mail and chat messages. {@link #email} and {@link #chat} store a message in the
 * caller's transaction (so it exists only if the work that caused it commits); {@link #drain} sends what is due,
 * each message in its own transaction, and retries failures with the back-off {@code greenlight.notify.retry}
 * (default {@code PT1M,PT5M,PT30M,PT2H,PT6H}: five retries, then {@code FAILED}). Sending never runs inside a
 * review's transaction, so a broken SMTP server or chat cannot block or roll back a review.
 * {@link DeliveryWorker} calls {@link #drain} every few seconds.
 */
@Service
public class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final DeliveryRepository repository;
    private final Mailer mailer;
    private final ChatWebhook chat;
    private final SecretBox secrets;
    private final TimelineNotes notes;
    private final TransactionTemplate tx;
    private final List<Duration> backOff;

    public Outbox(DeliveryRepository repository, Mailer mailer, ChatWebhook chat, SecretBox secrets, TimelineNotes notes,
                  PlatformTransactionManager transactions,
                  @Value("${greenlight.notify.retry:PT1M,PT5M,PT30M,PT2H,PT6H}") String backOff) {
        this.repository = repository;
        this.mailer = mailer;
        this.chat = chat;
        this.secrets = secrets;
        this.notes = notes;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.backOff = Arrays.stream(backOff.split(",")).map(String::strip).map(Duration::parse).toList();
    }

    /** Queues an e-mail (plain text, optional HTML) to {@code address}; {@code recipient} is the user, if any. */
    @Transactional(propagation = Propagation.REQUIRED)
    public Delivery email(String event, String recipient, String address, String subject, String text, String html, String postId) {
        return repository.save(new Delivery(DeliveryChannel.EMAIL, event, recipient, address, subject, text, html, postId,
                EngineClock.now()));
    }

    /** Queues a JSON payload for a chat webhook (the URL is stored encrypted). */
    @Transactional(propagation = Propagation.REQUIRED)
    public Delivery chat(String event, String team, String webhookUrl, String subject, String payload, String postId) {
        return repository.save(new Delivery(DeliveryChannel.CHAT, event, "team:" + team, secrets.encrypt(webhookUrl), subject,
                payload, null, postId, EngineClock.now()));
    }

    /** Sends every due message once; returns how many were sent. */
    public int drain() {
        OffsetDateTime now = EngineClock.now();
        List<Long> due = tx.execute(s -> repository.due(now, PageRequest.of(0, 100)));
        int sent = 0;
        for (Long id : due == null ? List.<Long>of() : due) {
            Boolean leased = tx.execute(s -> repository.lease(id, now, now.plus(LEASE)) == 1);
            if (!Boolean.TRUE.equals(leased)) {
                continue;
            }
            Delivery d = tx.execute(s -> repository.findById(id).orElse(null));
            if (d == null) {
                continue;
            }
            String error = null;
            try {
                send(d);
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            String failure = error;
            tx.executeWithoutResult(s -> record(id, failure));
            if (error == null) {
                sent++;
            }
        }
        return sent;
    }

    @Transactional(readOnly = true)
    public List<Delivery> of(String postId) {
        return repository.findByPostIdOrderByCreatedAtAsc(postId);
    }

    private void send(Delivery d) {
        switch (d.getChannel()) {
            case EMAIL -> mailer.send(d.getTarget(), d.getSubject(), d.getBodyText(), d.getBodyHtml());
            case CHAT -> chat.post(secrets.decrypt(d.getTarget()), d.getBodyText());
            default -> throw new IllegalStateException("Nothing to send on " + d.getChannel());
        }
    }

    private void record(long id, String error) {
        Delivery d = repository.findById(id).orElseThrow();
        OffsetDateTime now = EngineClock.now();
        String what = (d.getChannel() == DeliveryChannel.EMAIL ? "E-mail" : "Chat message") + " \"" + d.getSubject() + "\" to "
                + (d.getRecipient() == null ? d.getTarget() : d.getRecipient());
        if (error == null) {
            d.sent(now);
            notes.add(d.getPostId(), "delivered", null, what + " sent");
            return;
        }
        int attempt = d.getAttempts();
        boolean last = attempt >= backOff.size();
        d.failed(error, last ? null : now.plus(backOff.get(attempt)), last);
        if (last) {
            LOG.warn("Giving up on delivery {} after {} attempts: {}", id, d.getAttempts(), error);
            notes.add(d.getPostId(), "delivery-failed", null, what + " could not be sent: " + error);
        } else {
            LOG.info("Delivery {} failed (attempt {}), retrying at {}: {}", id, d.getAttempts(), d.getNextAttemptAt(), error);
        }
    }
}
