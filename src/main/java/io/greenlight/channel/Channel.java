package io.greenlight.channel;

import io.greenlight.security.SecretBox;
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
    private Integer maxLength;

    private boolean enabled = true;

    /** The server of a Mastodon or Bluesky account, or the URL of a webhook. */
    private String baseUrl;

    /** The account on the network (Bluesky handle or DID, Mastodon acct); informational for others. */
    private String account;

    /** Token, app password or webhook secret, AES-GCM encrypted ({@link SecretBox}); never sent to any client. */
    @Column(name = "credentials_enc")
    private String credentialsEncrypted;

    private OffsetDateTime credentialsUpdatedAt;

    private OffsetDateTime createdAt;

    /** OAuth 2.0 channels: the refresh token, sealed like the credentials; never sent to any client. */
    @Column(name = "refresh_token_enc")
    private String refreshTokenEncrypted;

    /** When the access token in the credentials expires (OAuth 2.0 channels); null = unknown or never. */
    private OffsetDateTime tokenExpiresAt;

    private String connectedBy;

    private OffsetDateTime connectedAt;

    private OffsetDateTime expiryWarnedAt;

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
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public boolean hasCredentials() { return credentialsEncrypted != null; }
    String getCredentialsEncrypted() { return credentialsEncrypted; }
    public OffsetDateTime getCredentialsUpdatedAt() { return credentialsUpdatedAt; }

    public void setName(String name) { this.name = name; }
    public OffsetDateTime getTokenExpiresAt() { return tokenExpiresAt; }
    public boolean hasRefreshToken() { return refreshTokenEncrypted != null; }
    String getRefreshTokenEncrypted() { return refreshTokenEncrypted; }
    public String getConnectedBy() { return connectedBy; }
    public OffsetDateTime getConnectedAt() { return connectedAt; }
    public OffsetDateTime getExpiryWarnedAt() { return expiryWarnedAt; }
    void setExpiryWarnedAt(OffsetDateTime at) { this.expiryWarnedAt = at; }

    void storeCredentials(String encrypted, OffsetDateTime at) {
        this.credentialsEncrypted = encrypted;
        this.credentialsUpdatedAt = at;
    }

    /** A token set from an OAuth 2.0 authorization server (code exchange or refresh). */
    void storeTokens(String accessEncrypted, String refreshEncrypted, OffsetDateTime expiresAt, OffsetDateTime at) {
        storeCredentials(accessEncrypted, at);
        if (refreshEncrypted != null) {
            this.refreshTokenEncrypted = refreshEncrypted; // rotation: a new refresh token replaces the old one
        }
        this.tokenExpiresAt = expiresAt;
        this.expiryWarnedAt = null;
    }

    void connected(String by, OffsetDateTime at) {
        this.connectedBy = by;
        this.connectedAt = at;
    }
}
