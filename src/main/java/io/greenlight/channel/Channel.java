package io.greenlight.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A place posts go to: one account on one network. */
@Entity
@Table(name = "channel")
public class Channel {

    @Id
    @Column(name = "channel_key")
    private String key;

    private String name;

    private String network;

    /** Overrides the network's limit for this account (e.g. a Mastodon server with 1,000 characters). */
    @Column(name = "max_length")
    private Integer maxLength;

    private boolean enabled = true;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected Channel() {
    }

    public Channel(String key, String name, String network) {
        this.key = key;
        this.name = name;
        this.network = network;
        this.createdAt = OffsetDateTime.now();
    }

    public String getKey() { return key; }
    public String getName() { return name; }
    public String getNetwork() { return network; }
    public Integer getMaxLength() { return maxLength; }
    public void setMaxLength(Integer maxLength) { this.maxLength = maxLength; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
