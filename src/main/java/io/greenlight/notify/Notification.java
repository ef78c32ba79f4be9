package io.greenlight.notify;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One message for one person, shown behind the bell. */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String recipient;

    private String message;

    private String postId;

    private OffsetDateTime createdAt;

    private OffsetDateTime readAt;

    protected Notification() {
    }

    Notification(String recipient, String message, String postId, OffsetDateTime createdAt) {
        this.recipient = recipient;
        this.message = message.length() > 1000 ? message.substring(0, 997) + "..." : message;
        this.postId = postId;
        this.createdAt = createdAt;
    }

    void markRead(OffsetDateTime at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    public Long getId() { return id; }
    public String getRecipient() { return recipient; }
    public String getMessage() { return message; }
    public String getPostId() { return postId; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getReadAt() { return readAt; }
    public boolean isRead() { return readAt != null; }
}
