package io.greenlight.security;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** An OpenID Connect identity (issuer + subject) and the Camunda user it signs in as. */
@Entity
@Table(name = "oidc_account")
@IdClass(OidcAccount.Key.class)
public class OidcAccount {

    public record Key(String issuer, String subject) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    private String issuer;

    @Id
    private String subject;

    private String userId;

    private OffsetDateTime createdAt;

    private OffsetDateTime lastLoginAt;

    protected OidcAccount() {
    }

    OidcAccount(String issuer, String subject, String userId, OffsetDateTime now) {
        this.issuer = issuer;
        this.subject = subject;
        this.userId = userId;
        this.createdAt = now;
        this.lastLoginAt = now;
    }

    void signedIn(OffsetDateTime now) {
        this.lastLoginAt = now;
    }

    public String getIssuer() { return issuer; }
    public String getSubject() { return subject; }
    public String getUserId() { return userId; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getLastLoginAt() { return lastLoginAt; }
}
