package io.greenlight.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A reply someone wrote in the {@code respond} task; approved (when the triage asks for it) and sent exactly once:
 * the idempotency key is fixed when it is written, and {@code SENT} is stored in its own transaction before the
 * process moves on, so a retried or restarted send job finds it and does not send again.
 */
@Entity
@Table(name = "conversation_reply")
public class ConversationReply {

    public enum Status { WRITTEN, APPROVED, CHANGES, SENDING, SENT }

    @Id
    private String id;
    private String conversationId;
    private String text;
    private String writtenBy;
    private OffsetDateTime writtenAt;
    private String approvedBy;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String idempotencyKey;
    private String externalId;
    private String externalUrl;
    private OffsetDateTime sentAt;
    private String lastError;

    protected ConversationReply() {
    }

    ConversationReply(String conversationId, String text, String writtenBy, OffsetDateTime at) {
        this.id = UUID.randomUUID().toString();
        this.conversationId = conversationId;
        this.text = text;
        this.writtenBy = writtenBy;
        this.writtenAt = at;
        this.status = Status.WRITTEN;
        this.idempotencyKey = "gl-reply-" + id;
    }

    void approve(String by) { this.approvedBy = by; this.status = Status.APPROVED; }
    void changes() { this.status = Status.CHANGES; }
    void sending() { this.status = Status.SENDING; }
    void failed(String error) { this.lastError = Conversation.clip(error, 1000); }

    void sent(String externalId, String externalUrl, OffsetDateTime at) {
        this.status = Status.SENT;
        this.externalId = externalId;
        this.externalUrl = externalUrl;
        this.sentAt = at;
        this.lastError = null;
    }

    public String getId() { return id; }
    public String getConversationId() { return conversationId; }
    public String getText() { return text; }
    public String getWrittenBy() { return writtenBy; }
    public OffsetDateTime getWrittenAt() { return writtenAt; }
    public String getApprovedBy() { return approvedBy; }
    public Status getStatus() { return status; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getExternalId() { return externalId; }
    public String getExternalUrl() { return externalUrl; }
    public OffsetDateTime getSentAt() { return sentAt; }
    public String getLastError() { return lastError; }
}
