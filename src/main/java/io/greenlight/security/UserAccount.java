package io.greenlight.security;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Greenlight's side of a Camunda user: active or offboarded, and the user's time zone. */
@Entity
@Table(name = "user_account")
public class UserAccount {

    @Id
    private String userId;

    private boolean active = true;

    private String timeZone;

    private OffsetDateTime deactivatedAt;

    private String deactivatedBy;

    private OffsetDateTime updatedAt;

    protected UserAccount() {
    }

    UserAccount(String userId, OffsetDateTime now) {
        this.userId = userId;
        this.updatedAt = now;
    }

    void deactivate(String by, OffsetDateTime now) {
        active = false;
        deactivatedBy = by;
        deactivatedAt = now;
        updatedAt = now;
    }

    void reactivate(OffsetDateTime now) {
        active = true;
        deactivatedBy = null;
        deactivatedAt = null;
        updatedAt = now;
    }

    void timeZone(String zone, OffsetDateTime now) {
        this.timeZone = zone;
        this.updatedAt = now;
    }

    public String getUserId() { return userId; }
    public boolean isActive() { return active; }
    public String getTimeZone() { return timeZone; }
    public OffsetDateTime getDeactivatedAt() { return deactivatedAt; }
    public String getDeactivatedBy() { return deactivatedBy; }
}
