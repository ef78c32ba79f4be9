package io.greenlight.post;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A snapshot of a post's content, taken at every submit and resubmit. */
@Entity
@Table(name = "post_version")
public class PostVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String postId;

    private int number;

    private String title;

    // an unbounded varchar (V1__domain.sql): portable; @Lob would map to oid on PostgreSQL
    private String content;

    private String contentHash;

    private String createdBy;

    private OffsetDateTime createdAt;

    protected PostVersion() {
    }

    PostVersion(String postId, int number, String title, String content, String contentHash, String createdBy,
                OffsetDateTime createdAt) {
        this.postId = postId;
        this.number = number;
        this.title = title;
        this.content = content;
        this.contentHash = contentHash;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getPostId() { return postId; }
    public int getNumber() { return number; }
    public String getTitle() { return title; }
    public String getContent() { return content; }
    public String getContentHash() { return contentHash; }
    public String getCreatedBy() { return createdBy; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
