package io.greenlight.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An internal note on a conversation (never sent to the network); @mentions in it notify the people named. */
@Entity
@Table(name = "conversation_note")
public class ConversationNote {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String conversationId;
    private String author;
    private String text;
    private OffsetDateTime createdAt;

    protected ConversationNote() {
    }

    ConversationNote(String conversationId, String author, String text, OffsetDateTime at) {
        this.conversationId = conversationId;
        this.author = author;
        this.text = text;
        this.createdAt = at;
    }

    public Long getId() { return id; }
    public String getConversationId() { return conversationId; }
    public String getAuthor() { return author; }
    public String getText() { return text; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
