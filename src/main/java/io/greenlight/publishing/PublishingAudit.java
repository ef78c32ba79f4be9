package io.greenlight.publishing;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Who paused or resumed publishing, when, why, and how many posts it touched. */
@Entity
@Table(name = "publishing_audit")
public class PublishingAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String action;

    private String actor;

    private String detail;

    private int affected;

    private OffsetDateTime createdAt;

    protected PublishingAudit() {
    }

    public PublishingAudit(String action, String actor, String detail, int affected, OffsetDateTime createdAt) {
        this.action = action;
        this.actor = actor;
        this.detail = detail;
        this.affected = affected;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getAction() { return action; }
    public String getActor() { return actor; }
    public String getDetail() { return detail; }
    public int getAffected() { return affected; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
