package io.greenlight.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One crisis alert: when, over which window, how many items, and a sample of what they said. */
@Entity
@Table(name = "crisis_signal")
public class CrisisSignalRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private OffsetDateTime detectedAt;
    private OffsetDateTime windowFrom;
    private int items;
    private String sample;

    protected CrisisSignalRecord() {
    }

    CrisisSignalRecord(OffsetDateTime detectedAt, OffsetDateTime windowFrom, int items, String sample) {
        this.detectedAt = detectedAt;
        this.windowFrom = windowFrom;
        this.items = items;
        this.sample = sample;
    }

    public Long getId() { return id; }
    public OffsetDateTime getDetectedAt() { return detectedAt; }
    public OffsetDateTime getWindowFrom() { return windowFrom; }
    public int getItems() { return items; }
    public String getSample() { return sample; }
}
