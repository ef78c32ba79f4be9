package io.greenlight.publishing.metrics;

import io.greenlight.publishing.EngagementCounts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One reading of a published variant's engagement (reading = 1h, 24h, 7d …). */
@Entity
@Table(name = "variant_metric")
public class VariantMetric {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String postId;

    @Column(name = "channel_key")
    private String channel;

    private String reading;

    private Integer likes;

    private Integer reposts;

    private Integer replies;

    private OffsetDateTime readAt;

    protected VariantMetric() {
    }

    VariantMetric(String postId, String channel, String reading) {
        this.postId = postId;
        this.channel = channel;
        this.reading = reading;
    }

    void update(EngagementCounts counts, OffsetDateTime at) {
        this.likes = counts.likes();
        this.reposts = counts.reposts();
        this.replies = counts.replies();
        this.readAt = at;
    }

    public Long getId() { return id; }
    public String getPostId() { return postId; }
    public String getChannel() { return channel; }
    public String getReading() { return reading; }
    public Integer getLikes() { return likes; }
    public Integer getReposts() { return reposts; }
    public Integer getReplies() { return replies; }
    public OffsetDateTime getReadAt() { return readAt; }
}
