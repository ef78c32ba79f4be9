package io.greenlight.publishing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * The record, committed before a network is called, that Greenlight is about to publish a (post, channel, content
 * version). Its key is the idempotency key sent to the network. An intent left in {@code SENDING} means an attempt
 * may have reached the network without our commit (crash, timeout).
 */
@Entity
@Table(name = "publish_intent")
public class PublishIntent {

    public enum State {
        /** A call is (or was, if we crashed) under way; its outcome is not recorded. */
        SENDING,
        /** The network answered that it did not take the post: the next attempt may call again. */
        NOT_SENT,
        /** The request was sent but no answer came; a manager must check (networks without idempotency). */
        UNKNOWN,
        /** A manager checked and found it did not go out: the next attempt may call again. */
        RETRY,
        PUBLISHED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String idempotencyKey;

    private String postId;

    @Column(name = "channel_key")
    private String channel;

    private int contentVersion;

    @Enumerated(EnumType.STRING)
    private State state;

    private int attempts;

    private String externalId;

    private String externalUrl;

    private String lastError;

    /** What the connector remembers between attempts ({@link PublishProgress}), e.g. Instagram's media container ids. */
    private String networkState;

    private OffsetDateTime createdAt;

    private OffsetDateTime updatedAt;

    protected PublishIntent() {
    }

    PublishIntent(String idempotencyKey, String postId, String channel, int contentVersion, OffsetDateTime now) {
        this.idempotencyKey = idempotencyKey;
        this.postId = postId;
        this.channel = channel;
        this.contentVersion = contentVersion;
        this.state = State.NOT_SENT;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void moveTo(State state, String error, OffsetDateTime now) {
        this.state = state;
        if (error != null) {
            this.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
        }
        this.updatedAt = now;
    }

    void attempt(OffsetDateTime now) {
        this.attempts++;
        moveTo(State.SENDING, null, now);
    }

    void remember(String state, OffsetDateTime now) {
        this.networkState = state;
        this.updatedAt = now;
    }

    void published(String externalId, String externalUrl, OffsetDateTime now) {
        this.externalId = externalId;
        this.externalUrl = externalUrl;
        moveTo(State.PUBLISHED, null, now);
    }

    public Long getId() { return id; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public String getPostId() { return postId; }
    public String getChannel() { return channel; }
    public int getContentVersion() { return contentVersion; }
    public State getState() { return state; }
    public int getAttempts() { return attempts; }
    public String getExternalId() { return externalId; }
    public String getExternalUrl() { return externalUrl; }
    public String getLastError() { return lastError; }
    public String getNetworkState() { return networkState; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
}
