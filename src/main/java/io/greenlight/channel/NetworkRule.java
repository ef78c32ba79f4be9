package io.greenlight.channel;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the rules table: how a network counts text and how much fits. */
@Entity
@Table(name = "network_rule")
public class NetworkRule {

    @Id
    private String network;

    @Enumerated(EnumType.STRING)
    private CountUnit countUnit;

    private int maxLength;

    private Integer maxLinks;

    private Integer maxHashtags;

    private String note;

    /** Every URL counts as this many characters (Mastodon: 23), whatever its length; null = counted as written. */
    private Integer urlLength;

    /** A second cap in UTF-8 bytes (Bluesky: 3,000), checked besides max_length. */
    private Integer maxBytes;

    /** At most this many posts per {@link #getPostWindow()} per account through the API (Instagram 50 / 24 h). */
    private Integer maxPosts;

    /** The window of {@code max_posts}, an ISO-8601 duration such as {@code PT24H}. */
    private String postWindow;

    protected NetworkRule() {
    }

    public NetworkRule(String network, CountUnit countUnit, int maxLength) {
        this.network = network;
        this.countUnit = countUnit;
        this.maxLength = maxLength;
    }

    public String getNetwork() { return network; }
    public CountUnit getCountUnit() { return countUnit; }
    public int getMaxLength() { return maxLength; }
    public void setMaxLength(int maxLength) { this.maxLength = maxLength; }
    public Integer getMaxLinks() { return maxLinks; }
    public Integer getMaxHashtags() { return maxHashtags; }
    public void setMaxHashtags(Integer maxHashtags) { this.maxHashtags = maxHashtags; }
    public String getNote() { return note; }
    public Integer getUrlLength() { return urlLength; }
    public void setUrlLength(Integer urlLength) { this.urlLength = urlLength; }
    public Integer getMaxBytes() { return maxBytes; }
    public void setMaxBytes(Integer maxBytes) { this.maxBytes = maxBytes; }

    public Integer getMaxPosts() { return maxPosts; }
    public void setMaxPosts(Integer maxPosts) { this.maxPosts = maxPosts; }
    public java.time.Duration getPostWindow() { return postWindow == null ? null : java.time.Duration.parse(postWindow); }
    public void setPostWindow(java.time.Duration window) { this.postWindow = window == null ? null : window.toString(); }

    /** Counts a text the way this network does (URLs weighted when the network says so). */
    public int count(String text) {
        if (text == null) {
            return 0;
        }
        if (urlLength == null) {
            return countUnit.count(text);
        }
        return countUnit.count(ContentRules.URL.matcher(text).replaceAll("x".repeat(urlLength)));
    }
}
