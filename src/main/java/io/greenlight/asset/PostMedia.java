package io.greenlight.asset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One library file attached to one channel's variant of a post, at a position. */
@Entity
@Table(name = "post_media")
public class PostMedia {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String postId;

    @Column(name = "channel_key")
    private String channel;

    private Long assetId;

    private int position;

    protected PostMedia() {
    }

    PostMedia(String postId, String channel, Long assetId, int position) {
        this.postId = postId;
        this.channel = channel;
        this.assetId = assetId;
        this.position = position;
    }

    public Long getId() { return id; }
    public String getPostId() { return postId; }
    public String getChannel() { return channel; }
    public Long getAssetId() { return assetId; }
    public int getPosition() { return position; }
}
