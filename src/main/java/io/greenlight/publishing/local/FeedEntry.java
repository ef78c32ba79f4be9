package io.greenlight.publishing.local;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A post as published to Greenlight's own offline feed. */
@Entity
@Table(name = "feed_entry")
public class FeedEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String postId;

    @Column(name = "channel_key")
    private String channel;

    private String title;

    // an unbounded varchar (V1__domain.sql): portable; @Lob would map to oid on PostgreSQL
    private String text;

    private String link;

    private String author;

    private OffsetDateTime publishedAt;

    protected FeedEntry() {
    }

    FeedEntry(String postId, String channel, String title, String text, String link, String author, OffsetDateTime publishedAt) {
        this.postId = postId;
        this.channel = channel;
        this.title = title;
        this.text = text;
        this.link = link;
        this.author = author;
        this.publishedAt = publishedAt;
    }

    public Long getId() { return id; }
    public String getPostId() { return postId; }
    public String getChannel() { return channel; }
    public String getTitle() { return title; }
    public String getText() { return text; }
    public String getLink() { return link; }
    public String getAuthor() { return author; }
    public OffsetDateTime getPublishedAt() { return publishedAt; }
}
