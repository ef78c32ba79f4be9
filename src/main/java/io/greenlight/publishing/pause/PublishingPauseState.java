package io.greenlight.publishing.pause;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/** The stored crisis pause (one row). */
@Entity
@Table(name = "publishing_pause")
public class PublishingPauseState {

    static final int ID = 1;

    @Id
    private Integer id;

    private boolean paused;

    private String reason;

    private String pausedBy;

    private OffsetDateTime pausedAt;

    @Version
    private long version;

    protected PublishingPauseState() {
    }

    void pause(String reason, String by, OffsetDateTime at) {
        this.paused = true;
        this.reason = reason;
        this.pausedBy = by;
        this.pausedAt = at;
    }

    void resume() {
        this.paused = false;
    }

    public boolean isPaused() { return paused; }
    public String getReason() { return reason; }
    public String getPausedBy() { return pausedBy; }
    public OffsetDateTime getPausedAt() { return pausedAt; }
}
