package io.greenlight.external;

import io.greenlight.post.Post;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One review link sent to an external approver: bound to one post, one content version (and its hash), one task and
 * one e-mail address, valid until {@link #getExpiresAt()}, usable once. The link's secret is an HMAC over exactly
 * these fields ({@link LinkSigner}); it is never stored.
 */
@Entity
@Table(name = "external_review_link")
public class ExternalReviewLink {

    @Id
    private String id;

    private String postId;

    private int contentVersion;

    private String contentHash;

    private String taskId;

    private String processInstanceId;

    private String stageName;

    private String approverEmail;

    @Enumerated(EnumType.STRING)
    private LinkStatus status;

    private OffsetDateTime createdAt;

    private OffsetDateTime expiresAt;

    private OffsetDateTime mailedAt;

    private String mailError;

    private OffsetDateTime viewedAt;

    private OffsetDateTime decidedAt;

    private String decision;

    private String decisionComment;

    private String seenHash;

    private OffsetDateTime closedAt;

    private String closedBy;

    private String closedReason;

    @Version
    private long lockVersion;

    protected ExternalReviewLink() {
    }

    ExternalReviewLink(String postId, int contentVersion, String contentHash, String taskId, String processInstanceId,
                       String stageName, String approverEmail, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.postId = postId;
        this.contentVersion = contentVersion;
        this.contentHash = contentHash;
        this.taskId = taskId;
        this.processInstanceId = processInstanceId;
        this.stageName = stageName;
        this.approverEmail = approverEmail;
        this.status = LinkStatus.PENDING;
        this.createdAt = createdAt;
        // whole seconds: the signature covers the epoch second, and databases differ in sub-second precision
        this.expiresAt = expiresAt.withNano(0);
    }

    /** Whether the post still has the content this link was issued for: the same version with the same hash. */
    boolean showsContentOf(Post post, String currentHash) {
        return post.getContentVersion() == contentVersion && contentHash.equals(currentHash);
    }

    boolean isExpired(OffsetDateTime now) {
        return !now.isBefore(expiresAt);
    }

    void viewed(OffsetDateTime now) {
        if (viewedAt == null) {
            viewedAt = now;
        }
    }

    void used(String decision, String comment, String seenHash, OffsetDateTime now) {
        this.status = LinkStatus.USED;
        this.decision = decision;
        this.decisionComment = comment;
        this.seenHash = seenHash;
        this.decidedAt = now;
    }

    void close(LinkStatus status, String by, String reason, OffsetDateTime now) {
        this.status = status;
        this.closedBy = by;
        this.closedReason = reason;
        this.closedAt = now;
    }

    void mailed(OffsetDateTime now) {
        this.mailedAt = now;
        this.mailError = null;
    }

    void mailFailed(String error) {
        this.mailError = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
    }

    public String getId() { return id; }
    public String getPostId() { return postId; }
    public int getContentVersion() { return contentVersion; }
    public String getContentHash() { return contentHash; }
    public String getTaskId() { return taskId; }
    public String getProcessInstanceId() { return processInstanceId; }
    public String getStageName() { return stageName; }
    public String getApproverEmail() { return approverEmail; }
    public LinkStatus getStatus() { return status; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getExpiresAt() { return expiresAt; }
    public OffsetDateTime getMailedAt() { return mailedAt; }
    public String getMailError() { return mailError; }
    public OffsetDateTime getViewedAt() { return viewedAt; }
    public OffsetDateTime getDecidedAt() { return decidedAt; }
    public String getDecision() { return decision; }
    public String getDecisionComment() { return decisionComment; }
    public String getSeenHash() { return seenHash; }
    public OffsetDateTime getClosedAt() { return closedAt; }
    public String getClosedBy() { return closedBy; }
    public String getClosedReason() { return closedReason; }
}
