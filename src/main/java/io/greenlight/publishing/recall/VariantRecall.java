package io.greenlight.publishing.recall;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The recall of one published variant: deleted by API, or removed by a person where the network allows no delete. */
@Entity
@Table(name = "variant_recall")
public class VariantRecall {

    public enum State {
        /** Asked for; the {@code post-recall} process is on it. */
        REQUESTED,
        /** Deleted through the network's API. */
        DELETED,
        /** The network cannot delete by API: a manager removes it by hand (task {@code remove-manually}). */
        MANUAL,
        /** A manager confirmed they removed it. */
        REMOVED_MANUALLY
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String postId;

    @Column(name = "channel_key")
    private String channel;

    @Enumerated(EnumType.STRING)
    private State state;

    private String reason;

    private String requestedBy;

    private OffsetDateTime requestedAt;

    private String doneBy;

    private OffsetDateTime doneAt;

    private String lastError;

    protected VariantRecall() {
    }

    VariantRecall(String postId, String channel, String reason, String requestedBy, OffsetDateTime at) {
        this.postId = postId;
        this.channel = channel;
        this.reason = reason;
        this.requestedBy = requestedBy;
        this.requestedAt = at;
        this.state = State.REQUESTED;
    }

    void moveTo(State state, String by, OffsetDateTime at) {
        this.state = state;
        if (state == State.DELETED || state == State.REMOVED_MANUALLY) {
            this.doneBy = by;
            this.doneAt = at;
            this.lastError = null;
        }
    }

    void error(String error) {
        this.lastError = error == null ? null : error.substring(0, Math.min(2000, error.length()));
    }

    public boolean isDone() {
        return state == State.DELETED || state == State.REMOVED_MANUALLY;
    }

    public Long getId() { return id; }
    public String getPostId() { return postId; }
    public String getChannel() { return channel; }
    public State getState() { return state; }
    public String getReason() { return reason; }
    public String getRequestedBy() { return requestedBy; }
    public OffsetDateTime getRequestedAt() { return requestedAt; }
    public String getDoneBy() { return doneBy; }
    public OffsetDateTime getDoneAt() { return doneAt; }
    public String getLastError() { return lastError; }
}
