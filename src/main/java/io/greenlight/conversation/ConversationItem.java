package io.greenlight.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A message in a conversation: what someone wrote to us ({@code IN}) or our reply as sent ({@code OUT}). */
@Entity
@Table(name = "conversation_item")
public class ConversationItem {

    public enum Direction { IN, OUT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String conversationId;
    private String channelKey;
    private String externalId;
    private String externalUri;
    @Enumerated(EnumType.STRING)
    private Direction direction;
    private String authorHandle;
    private String authorName;
    private String text;
    private String url;
    private String sentiment;
    private OffsetDateTime receivedAt;

    protected ConversationItem() {
    }

    ConversationItem(String conversationId, String channelKey, String externalId, String externalUri, Direction direction,
                     String authorHandle, String authorName, String text, String url, String sentiment, OffsetDateTime at) {
        this.conversationId = conversationId;
        this.channelKey = channelKey;
        this.externalId = externalId;
        this.externalUri = externalUri;
        this.direction = direction;
        this.authorHandle = authorHandle;
        this.authorName = authorName;
        this.text = text;
        this.url = url;
        this.sentiment = sentiment;
        this.receivedAt = at;
    }

    public Long getId() { return id; }
    public String getConversationId() { return conversationId; }
    public String getChannelKey() { return channelKey; }
    public String getExternalId() { return externalId; }
    public String getExternalUri() { return externalUri; }
    public Direction getDirection() { return direction; }
    public String getAuthorHandle() { return authorHandle; }
    public String getAuthorName() { return authorName; }
    public String getText() { return text; }
    public String getUrl() { return url; }
    public String getSentiment() { return sentiment; }
    public OffsetDateTime getReceivedAt() { return receivedAt; }
}
