package io.greenlight.post;

import io.greenlight.engine.UserFacingException;
import org.apache.commons.codec.digest.DigestUtils;
import io.greenlight.security.CurrentUser;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import org.hibernate.annotations.BatchSize;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A social media post: one title, one variant per channel, moved through the post-approval process. */
@Entity
@Table(name = "post")
public class Post {

    @Id
    private String id;

    private String title;

    private String author;

    private String campaign;

    // Routing facts: read by processes/approval-routing.dmn through the post's variables.
    private String region;

    private boolean paidPromotion;

    private boolean priceHealthClaims;

    private boolean crisis;

    private OffsetDateTime scheduledAt;

    private String timeZone;

    @Enumerated(EnumType.STRING)
    private PostStatus status = PostStatus.DRAFT;

    private int contentVersion;

    private Integer approvedVersion;

    private OffsetDateTime approvedAt;

    private String processInstanceId;

    private OffsetDateTime createdAt;

    private OffsetDateTime updatedAt;

    // Occurrences of a recurring post share the id of their series
    private String seriesId;

    @Version
    private long lockVersion;

    @OneToMany(mappedBy = "post", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @BatchSize(size = 50)
    @OrderBy("channel")
    private List<PostVariant> variants = new ArrayList<>();

    protected Post() {
    }

    public Post(String author, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.author = author;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces title, schedule and variants; existing variants of the same channel are updated in place. */
    public void edit(String title, String campaign, OffsetDateTime scheduledAt, String timeZone,
                     List<VariantContent> content, OffsetDateTime now) {
        this.title = title;
        this.campaign = campaign;
        this.scheduledAt = scheduledAt;
        this.timeZone = timeZone;
        List<PostVariant> kept = new ArrayList<>();
        for (VariantContent c : content) {
            PostVariant v = variant(c.channel()).orElseGet(() -> new PostVariant(this, c.channel(), c.text(), c.link()));
            v.edit(c.text(), c.link());
            kept.add(v);
        }
        variants.retainAll(kept);
        for (PostVariant v : kept) {
            if (!variants.contains(v)) {
                variants.add(v);
            }
        }
        this.updatedAt = now;
    }

    /** The facts routing decides on (see processes/approval-routing.dmn). A blank region means global. */
    public void routingFacts(String region, boolean paidPromotion, boolean priceHealthClaims, boolean crisis) {
        this.region = region == null || region.isBlank() ? null : region.strip();
        this.paidPromotion = paidPromotion;
        this.priceHealthClaims = priceHealthClaims;
        this.crisis = crisis;
    }

    /** The calendar moves the post to another time (the caller decides what that means for its approval). */
    public void reschedule(OffsetDateTime scheduledAt, OffsetDateTime now) {
        this.scheduledAt = scheduledAt;
        this.updatedAt = now;
    }

    /** Marks this post as one occurrence of a recurring series. */
    public void partOf(String seriesId) {
        this.seriesId = seriesId;
    }

    public Optional<PostVariant> variant(String channel) {
        return variants.stream().filter(v -> v.getChannel().equals(channel)).findFirst();
    }

    public List<String> channels() {
        return variants.stream().map(PostVariant::getChannel).toList();
    }

    public boolean allVariantsPublished() {
        return !variants.isEmpty() && variants.stream().allMatch(v -> v.getStatus() == VariantStatus.PUBLISHED);
    }

    /** The content as reviewers see it: one block per channel. Its hash identifies what was approved. */
    public String renderContent() {
        StringBuilder sb = new StringBuilder();
        for (PostVariant v : variants) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append("[").append(v.getChannel()).append("]\n").append(v.getText());
            if (v.getLink() != null && !v.getLink().isBlank()) {
                sb.append("\nLink: ").append(v.getLink());
            }
        }
        return sb.toString();
    }

    void nextContentVersion() {
        this.contentVersion++;
    }

    public void moveTo(PostStatus status, OffsetDateTime now) {
        this.status = status;
        this.updatedAt = now;
    }

    public void approved(OffsetDateTime now) {
        this.approvedVersion = contentVersion;
        this.approvedAt = now;
        moveTo(PostStatus.SCHEDULED, now);
    }

    /**
     * Before a new round starts: the old approval and failed variants are history. Called before the engine runs the
     * round, because a drawing without a wait state may approve the post within the start itself.
     */
    void startingProcess() {
        this.approvedVersion = null;
        this.approvedAt = null;
        for (PostVariant v : variants) {
            if (v.getStatus() == VariantStatus.FAILED) {
                v.edit(v.getText(), v.getLink());
            }
        }
    }

    void startedProcess(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void withdrawn(OffsetDateTime now) {
        this.processInstanceId = null;
        this.approvedVersion = null;
        this.approvedAt = null;
        moveTo(PostStatus.DRAFT, now);
    }

    /**
     * The SHA-256 of the title and content as every version snapshot records it ({@code post_version.content_hash}):
     * comparing it with a recorded hash tells whether the content changed since.
     */
    public String contentHash() {
        return DigestUtils.sha256Hex(title + "\n" + renderContent());
    }

    public boolean isAuthor(String userId) {
        return author.equals(userId);
    }

    /** Only the author or a manager may change a post (edit, submit, withdraw, move, repeat, resubmit …). */
    public boolean mayBeChangedBy(CurrentUser user) {
        return mayBeChangedBy(user, author);
    }

    /** {@link #mayBeChangedBy(CurrentUser)} for a post known only by its author (the calendar reads no whole posts). */
    public static boolean mayBeChangedBy(CurrentUser user, String author) {
        return user != null && (user.id().equals(author) || user.isManager());
    }

    /** Refused (403) unless the user may change the post; {@code verb} is what they tried ("edit", "move" …). */
    public void requireMayChange(CurrentUser user, String verb) {
        if (!mayBeChangedBy(user)) {
            throw UserFacingException.forbidden(onlyAuthorOrManagerCan(verb));
        }
    }

    /** The refusal's words: "Only the author (ann) or a manager can edit this post." */
    public String onlyAuthorOrManagerCan(String verb) {
        return "Only the author (" + author + ") or a manager can " + verb + " this post.";
    }

    public String getId() { return id; }
    public String getTitle() { return title; }
    public String getAuthor() { return author; }
    public String getCampaign() { return campaign; }
    public OffsetDateTime getScheduledAt() { return scheduledAt; }
    public String getTimeZone() { return timeZone; }
    public PostStatus getStatus() { return status; }
    public int getContentVersion() { return contentVersion; }
    public Integer getApprovedVersion() { return approvedVersion; }
    public OffsetDateTime getApprovedAt() { return approvedAt; }
    public String getProcessInstanceId() { return processInstanceId; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
    public List<PostVariant> getVariants() { return variants; }
    public String getRegion() { return region; }
    public boolean isPaidPromotion() { return paidPromotion; }
    public boolean isPriceHealthClaims() { return priceHealthClaims; }
    public boolean isCrisis() { return crisis; }
    public String getSeriesId() { return seriesId; }
}
