package io.greenlight.notify;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One e-mail or chat message in the outbox: stored with what caused it, sent afterwards, retried. */
@Entity
@Table(name = "notification_delivery")
public class Delivery {

    public enum Status { PENDING, SENT, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    private DeliveryChannel channel;

    private String event;

    private String recipient;

    /** E-mail address, or the webhook URL encrypted with the SecretBox. */
    private String target;

    private String subject;

    private String bodyText;

    private String bodyHtml;

    private String postId;

    @Enumerated(EnumType.STRING)
    private Status status;

    private int attempts;

    private OffsetDateTime nextAttemptAt;

    private String lastError;

    private OffsetDateTime createdAt;

    private OffsetDateTime sentAt;

    protected Delivery() {
    }

    Delivery(DeliveryChannel channel, String event, String recipient, String target, String subject, String bodyText,
             String bodyHtml, String postId, OffsetDateTime now) {
        this.channel = channel;
        this.event = event;
        this.recipient = recipient;
        this.target = target;
        this.subject = subject.length() > 500 ? subject.substring(0, 497) + "..." : subject;
        this.bodyText = bodyText;
        this.bodyHtml = bodyHtml;
        this.postId = postId;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    void sent(OffsetDateTime now) {
        status = Status.SENT;
        attempts++;
        sentAt = now;
        lastError = null;
    }

    /** Records a failed attempt; returns true when it was the last one. */
    boolean failed(String error, OffsetDateTime next, boolean last) {
        attempts++;
        lastError = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 1997) + "..." : error;
        if (last) {
            status = Status.FAILED;
        } else {
            nextAttemptAt = next;
        }
        return last;
    }

    public Long getId() { return id; }
    public DeliveryChannel getChannel() { return channel; }
    public String getEvent() { return event; }
    public String getRecipient() { return recipient; }
    public String getTarget() { return target; }
    public String getSubject() { return subject; }
    public String getBodyText() { return bodyText; }
    public String getBodyHtml() { return bodyHtml; }
    public String getPostId() { return postId; }
    public Status getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public OffsetDateTime getNextAttemptAt() { return nextAttemptAt; }
    public String getLastError() { return lastError; }
    public OffsetDateTime getSentAt() { return sentAt; }
}
