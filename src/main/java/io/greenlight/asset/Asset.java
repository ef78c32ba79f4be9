package io.greenlight.asset;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A file of the asset library. The bytes are content addressed: stored once under their SHA-256 (on disk or in the
 * database, {@code greenlight.assets.storage}); the same file uploaded twice is the same asset.
 */
@Entity
@Table(name = "asset")
public class Asset {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String sha256;

    private String fileName;

    private String mimeType;

    private long sizeBytes;

    private String altText;

    /** Lower-case tags, comma-separated with a leading and trailing comma (",spring,sale,") so a tag is a LIKE. */
    private String tags = "";

    private String storage;

    private String uploadedBy;

    private OffsetDateTime uploadedAt;

    private LocalDate expiresOn;

    protected Asset() {
    }

    Asset(String sha256, String fileName, String mimeType, long sizeBytes, String storage, String uploadedBy,
          OffsetDateTime uploadedAt) {
        this.sha256 = sha256;
        this.fileName = fileName;
        this.mimeType = mimeType;
        this.sizeBytes = sizeBytes;
        this.storage = storage;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    void describe(String altText, List<String> tags, LocalDate expiresOn) {
        this.altText = altText;
        this.tags = tags.isEmpty() ? "" : "," + String.join(",", tags) + ",";
        this.expiresOn = expiresOn;
    }

    public boolean isImage() {
        return mimeType.startsWith("image/");
    }

    public boolean isVideo() {
        return mimeType.startsWith("video/");
    }

    /** Expired assets stay in the library (and in posts that use them) but cannot be attached again. */
    public boolean expiredOn(LocalDate day) {
        return expiresOn != null && day.isAfter(expiresOn);
    }

    public List<String> tagList() {
        return tags == null || tags.isBlank() ? List.of()
                : Arrays.stream(tags.split(",")).filter(t -> !t.isBlank()).toList();
    }

    public Long getId() { return id; }
    public String getSha256() { return sha256; }
    public String getFileName() { return fileName; }
    public String getMimeType() { return mimeType; }
    public long getSizeBytes() { return sizeBytes; }
    public String getAltText() { return altText; }
    public String getStorage() { return storage; }
    public String getUploadedBy() { return uploadedBy; }
    public OffsetDateTime getUploadedAt() { return uploadedAt; }
    public LocalDate getExpiresOn() { return expiresOn; }
}
