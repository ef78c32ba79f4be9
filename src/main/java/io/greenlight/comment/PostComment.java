package io.greenlight.comment;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An internal comment on a post; {@code parentId} makes it a reply (one level deep). */
@Entity
@Table(name = "post_comment")
public class PostComment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String postId;

    private Long parentId;

    private String author;

    private String body;

    private OffsetDateTime createdAt;

    protected PostComment() {
    }

    PostComment(String postId, Long parentId, String author, String body, OffsetDateTime createdAt) {
        this.postId = postId;
        this.parentId = parentId;
        this.author = author;
        this.body = body;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getPostId() { return postId; }
    public Long getParentId() { return parentId; }
    public String getAuthor() { return author; }
    public String getBody() { return body; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
