package io.greenlight.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The version of a post for one channel. */
@Entity
@Table(name = "post_variant")
public class PostVariant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id")
    private Post post;

    @Column(name = "channel_key")
    private String channel;

    // an unbounded varchar (V1__domain.sql): portable; @Lob would map to oid on PostgreSQL
    private String text;

    private String link;

    @Enumerated(EnumType.STRING)
    private VariantStatus status = VariantStatus.PENDING;

    private String externalId;

    private String externalUrl;

    private OffsetDateTime publishedAt;

    private String lastError;

    protected PostVariant() {
    }

    PostVariant(Post post, String channel, String text, String link) {
        this.post = post;
        this.channel = channel;
        this.text = text;
        this.link = link;
    }

    public void markPublished(String externalId, String externalUrl, OffsetDateTime at) {
        this.status = VariantStatus.PUBLISHED;
        this.externalId = externalId;
        this.externalUrl = externalUrl;
        this.publishedAt = at;
        this.lastError = null;
    }

    public void markFailed(String error) {
        this.status = VariantStatus.FAILED;
        this.lastError = error == null ? null : error.substring(0, Math.min(error.length(), 2000));
    }

    public void recordError(String error) {
        this.lastError = error == null ? null : error.substring(0, Math.min(error.length(), 2000));
    }

    void edit(String text, String link) {
        this.text = text;
        this.link = link;
        this.status = VariantStatus.PENDING;
    }

    /**
     * An unsaved copy with another text and link: what a network receives when Greenlight rewrites the links to its
     * short links. The stored variant keeps the approved content.
     */
    public PostVariant sentAs(String text, String link) {
        PostVariant copy = new PostVariant(post, channel, text, link);
        copy.status = status;
        return copy;
    }

    public Long getId() { return id; }
    public Post getPost() { return post; }
    public String getChannel() { return channel; }
    public String getText() { return text; }
    public String getLink() { return link; }
    public VariantStatus getStatus() { return status; }
    public String getExternalId() { return externalId; }
    public String getExternalUrl() { return externalUrl; }
    public OffsetDateTime getPublishedAt() { return publishedAt; }
    public String getLastError() { return lastError; }
}
