package io.greenlight.channel;

import jakarta.persistence.Column;
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
    @Column(name = "network")
    private String network;

    @Enumerated(EnumType.STRING)
    @Column(name = "count_unit")
    private CountUnit countUnit;

    @Column(name = "max_length")
    private int maxLength;

    @Column(name = "max_links")
    private Integer maxLinks;

    @Column(name = "max_hashtags")
    private Integer maxHashtags;

    private String note;

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
}
