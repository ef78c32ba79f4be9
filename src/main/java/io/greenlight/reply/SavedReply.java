package io.greenlight.reply;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A text snippet a team reuses: a saved reply (inbox) or a post template (composer), with {{placeholders}}. */
@Entity
@Table(name = "saved_reply")
public class SavedReply {

    public enum Kind { REPLY, TEMPLATE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;

    private String body;

    /** The group (team) that shares it. */
    private String team;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String createdBy;

    private OffsetDateTime updatedAt;

    protected SavedReply() {
    }

    SavedReply(String createdBy) {
        this.createdBy = createdBy;
    }

    void edit(String title, String body, String team, Kind kind, OffsetDateTime now) {
        this.title = title;
        this.body = body;
        this.team = team;
        this.kind = kind;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public String getTitle() { return title; }
    public String getBody() { return body; }
    public String getTeam() { return team; }
    public Kind getKind() { return kind; }
    public String getCreatedBy() { return createdBy; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
}
