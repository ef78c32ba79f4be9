package io.greenlight.post;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One thing that happened to a post outside the engine's history (a due date, a reminder, a backup, …). */
@Entity
@Table(name = "timeline_note")
public class TimelineNote {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String postId;

    private String kind;

    private String actor;

    private String text;

    private OffsetDateTime createdAt;

    protected TimelineNote() {
    }

    TimelineNote(String postId, String kind, String actor, String text, OffsetDateTime createdAt) {
        this.postId = postId;
        this.kind = kind;
        this.actor = actor;
        this.text = text.length() > 2000 ? text.substring(0, 1997) + "..." : text;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getPostId() { return postId; }
    public String getKind() { return kind; }
    public String getActor() { return actor; }
    public String getText() { return text; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
