package io.greenlight.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One thread on one channel that people wrote to us in (a comment on our post, a mention, a reply). Each runs the
 * {@code conversation} process (business key = {@link #getId()}); what was said is in {@link ConversationItem}s.
 */
@Entity
@Table(name = "conversation")
public class Conversation {

    public enum Status { NEW, OPEN, AWAITING_APPROVAL, SENDING, REPLIED, NO_REPLY }

    @Id
    private String id;
    private String channelKey;
    /** What makes a thread one conversation on its channel: the root post's id (or the item's own id). */
    private String threadKey;
    /** Our post the thread is about, when it is one of ours. */
    private String postId;
    private String originalText;
    private String originalUrl;
    /** The item our reply answers (its network id / uri), and the thread's root, for Bluesky's reply refs. */
    private String replyToId;
    private String replyToUri;
    private String replyRootId;
    private String replyRootUri;
    private String authorHandle;
    private String authorName;
    private int authorFollowers;
    private String subject;
    private String sentiment;
    private String priority;
    private String team;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String assignee;
    private boolean escalated;
    private OffsetDateTime receivedAt;
    private OffsetDateTime dueAt;
    private OffsetDateTime firstResponseAt;
    private String firstResponder;
    private OffsetDateTime closedAt;
    private String processInstanceId;
    @Version
    private long lockVersion;

    protected Conversation() {
    }

    Conversation(InboundMessage m, String threadKey, String sentiment) {
        this.id = UUID.randomUUID().toString();
        this.channelKey = m.channel();
        this.threadKey = threadKey;
        this.postId = m.postId();
        this.originalText = clip(m.originalText(), 10000);
        this.originalUrl = clip(m.originalUrl(), 2000);
        this.replyToId = m.externalId();
        this.replyToUri = m.externalUri();
        this.replyRootId = m.rootId();
        this.replyRootUri = m.rootUri();
        this.authorHandle = m.authorHandle();
        this.authorName = m.authorName();
        this.authorFollowers = Math.max(0, m.authorFollowers());
        this.subject = clip(m.text().strip().replaceAll("\\s+", " "), 120);
        this.sentiment = sentiment;
        this.status = Status.NEW;
        this.receivedAt = m.receivedAt();
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    void newItem(InboundMessage m, String sentiment) {
        this.replyToId = m.externalId();
        this.replyToUri = m.externalUri();
        if (m.rootId() != null) {
            this.replyRootId = m.rootId();
            this.replyRootUri = m.rootUri();
        }
        if ("negative".equals(sentiment)) {
            this.sentiment = sentiment;
        }
    }

    void reopen(OffsetDateTime at) {
        this.status = Status.NEW;
        this.receivedAt = at;
        this.dueAt = null;
        this.firstResponseAt = null;
        this.firstResponder = null;
        this.closedAt = null;
        this.escalated = false;
        this.assignee = null;
    }

    void triaged(String priority, String team, OffsetDateTime dueAt) {
        this.priority = priority;
        this.team = team;
        this.dueAt = dueAt;
        this.status = Status.OPEN;
    }

    void started(String processInstanceId) { this.processInstanceId = processInstanceId; }
    void assign(String user) { this.assignee = user; }
    void status(Status status) { this.status = status; }
    void escalate() { this.escalated = true; }

    void responded(String by, OffsetDateTime at) {
        if (firstResponseAt == null) {
            firstResponseAt = at;
            firstResponder = by;
        }
    }

    void close(Status outcome, OffsetDateTime at) {
        this.status = outcome;
        this.closedAt = at;
    }

    public boolean isOpen() { return closedAt == null; }

    public boolean isOverdue(OffsetDateTime now) {
        return isOpen() && firstResponseAt == null && dueAt != null && dueAt.isBefore(now);
    }

    public String getId() { return id; }
    public String getChannelKey() { return channelKey; }
    public String getThreadKey() { return threadKey; }
    public String getPostId() { return postId; }
    public String getOriginalText() { return originalText; }
    public String getOriginalUrl() { return originalUrl; }
    public String getReplyToId() { return replyToId; }
    public String getReplyToUri() { return replyToUri; }
    public String getReplyRootId() { return replyRootId; }
    public String getReplyRootUri() { return replyRootUri; }
    public String getAuthorHandle() { return authorHandle; }
    public String getAuthorName() { return authorName; }
    public int getAuthorFollowers() { return authorFollowers; }
    public String getSubject() { return subject; }
    public String getSentiment() { return sentiment; }
    public String getPriority() { return priority; }
    public String getTeam() { return team; }
    public Status getStatus() { return status; }
    public String getAssignee() { return assignee; }
    public boolean isEscalated() { return escalated; }
    public OffsetDateTime getReceivedAt() { return receivedAt; }
    public OffsetDateTime getDueAt() { return dueAt; }
    public OffsetDateTime getFirstResponseAt() { return firstResponseAt; }
    public String getFirstResponder() { return firstResponder; }
    public OffsetDateTime getClosedAt() { return closedAt; }
    public String getProcessInstanceId() { return processInstanceId; }
}
