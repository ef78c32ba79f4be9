package io.greenlight.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * Per channel: where polling left off ({@code cursor_value}: Mastodon's newest notification id, Bluesky's newest
 * {@code indexedAt}), the backfill window of a new channel, the next poll (later after a 429), and the webhook's
 * secret (sealed with the application's secret box).
 */
@Entity
@Table(name = "inbound_source")
public class InboundSource {

    @Id
    private String channelKey;
    private String cursorValue;
    private OffsetDateTime backfillFrom;
    private OffsetDateTime lastPolledAt;
    private OffsetDateTime nextPollAt;
    private String lastError;
    private String webhookSecret;

    protected InboundSource() {
    }

    InboundSource(String channelKey, OffsetDateTime backfillFrom) {
        this.channelKey = channelKey;
        this.backfillFrom = backfillFrom;
    }

    void polled(String cursor, OffsetDateTime at, OffsetDateTime next) {
        if (cursor != null) {
            this.cursorValue = cursor;
        }
        this.lastPolledAt = at;
        this.nextPollAt = next;
        this.lastError = null;
    }

    void failed(String error, OffsetDateTime next) {
        this.lastError = Conversation.clip(error, 1000);
        this.nextPollAt = next;
    }

    void webhookSecret(String sealed) { this.webhookSecret = sealed; }

    public String getChannelKey() { return channelKey; }
    public String getCursorValue() { return cursorValue; }
    public OffsetDateTime getBackfillFrom() { return backfillFrom; }
    public OffsetDateTime getLastPolledAt() { return lastPolledAt; }
    public OffsetDateTime getNextPollAt() { return nextPollAt; }
    public String getLastError() { return lastError; }
    String getWebhookSecret() { return webhookSecret; }
}
