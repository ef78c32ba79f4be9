package io.greenlight.team;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A user is away from {@code startsAt} (inclusive) to {@code endsAt} (exclusive); {@code backupId} covers. */
@Entity
@Table(name = "user_absence")
public class Absence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String userId;

    private String backupId;

    private OffsetDateTime startsAt;

    private OffsetDateTime endsAt;

    private String note;

    private String setBy;

    private OffsetDateTime createdAt;

    protected Absence() {
    }

    Absence(String userId, String backupId, OffsetDateTime startsAt, OffsetDateTime endsAt, String note, String setBy,
            OffsetDateTime now) {
        this.userId = userId;
        this.backupId = backupId;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.note = note;
        this.setBy = setBy;
        this.createdAt = now;
    }

    public boolean covers(OffsetDateTime at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    void endAt(OffsetDateTime at) {
        if (at.isBefore(endsAt)) {
            endsAt = at.isBefore(startsAt) ? startsAt : at;
        }
    }

    public Long getId() { return id; }
    public String getUserId() { return userId; }
    public String getBackupId() { return backupId; }
    public OffsetDateTime getStartsAt() { return startsAt; }
    public OffsetDateTime getEndsAt() { return endsAt; }
    public String getNote() { return note; }
    public String getSetBy() { return setBy; }
}
