package io.greenlight.external;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostVersion;
import io.greenlight.post.PostVersionRepository;
import io.greenlight.review.Decision;
import io.greenlight.review.ReviewDecisionRules;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * External approvers without an account. A user task with the form {@code external-review} (see processes/README.md
 * and {@link ExternalStageTasks}) sends its approver a signed link to a public page that shows exactly the content
 * version under review. Here the approver opens it and approves or requests changes once; the link dies when it is
 * used, when it expires, when a manager revokes it ({@link ExternalReviewLinks}), when the content changes or when the
 * review ends otherwise. Every step is recorded on the post's timeline with the content hash.
 */
@Service
@Transactional(noRollbackFor = LinkRefused.class)
public class ExternalReviews {

    static final String EXTERNAL_USER_PREFIX = "external:";

    private static final Logger LOG = LoggerFactory.getLogger(ExternalReviews.class);
    /** Set while a link completes its task, so the task listener knows the decision came through the link. */
    private static final ThreadLocal<ExternalReviewLink> DECIDING = new ThreadLocal<>();

    private final ExternalReviewLinkRepository links;
    private final ReviewLinks reviewLinks;
    private final PostRepository posts;
    private final PostVersionRepository versions;
    private final LinkSigner signer;
    private final SystemAccess system;
    private final TaskService tasks;
    private final IdentityService identity;

    public ExternalReviews(ExternalReviewLinkRepository links, ReviewLinks reviewLinks, PostRepository posts,
                           PostVersionRepository versions, LinkSigner signer, SystemAccess system, TaskService tasks,
                           IdentityService identity) {
        this.links = links;
        this.reviewLinks = reviewLinks;
        this.posts = posts;
        this.versions = versions;
        this.signer = signer;
        this.system = system;
        this.tasks = tasks;
        this.identity = identity;
    }

    /** What the approver's page shows: the snapshot of the content version the link is bound to. */
    public record ReviewPage(String token, String title, String content, int contentVersion, String contentHash,
                             String shortHash, String stage, String approverEmail, OffsetDateTime expiresAt,
                             OffsetDateTime scheduledAt, String timeZone) {
    }

    /** Whether the task is being completed by {@link #decide} through its link (checked there). */
    static boolean isDecidingThroughLink(String taskId) {
        ExternalReviewLink deciding = DECIDING.get();
        return deciding != null && deciding.getTaskId().equals(taskId);
    }

    /** Checks the link and shows what it is for (the first view is recorded). */
    public ReviewPage open(String token) {
        ExternalReviewLink link = check(token);
        link.viewed(EngineClock.now());
        return page(token, link);
    }

    /**
     * The approver decides. {@code shownHash} is the content hash of the page they saw; the decision is recorded with it
     * on the post's timeline and completes the task. Refused (and nothing changes) for any link that is not usable.
     */
    public ReviewPage decide(String token, String decisionValue, String comment, String shownHash) {
        ExternalReviewLink link = check(token);
        Decision decision = Decision.of(decisionValue).filter(d -> d != Decision.REJECT).orElseThrow(() ->
                new LinkRefused(HttpStatus.BAD_REQUEST, "Choose approve or request changes",
                        "Pick one of the two buttons: approve the post as shown, or request changes and tell us what to change."));
        String text = comment == null ? "" : comment.strip();
        ReviewDecisionRules.commentProblem(decision, text).ifPresent(problem -> {
            throw switch (problem) {
                case MISSING -> new LinkRefused(HttpStatus.BAD_REQUEST, "Tell us what to change",
                        "A comment is required when you request changes, so the author knows what to do.");
                case TOO_LONG -> new LinkRefused(HttpStatus.BAD_REQUEST, "Your comment is too long",
                        "Please keep the comment under 4,000 characters.");
            };
        });
        if (shownHash == null || !shownHash.equals(link.getContentHash())) {
            throw new LinkRefused(HttpStatus.CONFLICT, "The content on your screen is not the one under review",
                    "Reload the page from the link in your e-mail and decide on the content it shows.");
        }
        OffsetDateTime now = EngineClock.now();
        // one use: only the request that moves the row from PENDING to USED goes on (a double click, a second tab)
        if (links.claim(link.getId()) != 1) {
            throw LinkRefused.gone("This link was already used", "Your decision was already recorded. Thank you.");
        }
        ExternalReviewLink claimed = links.findById(link.getId()).orElseThrow(LinkRefused::invalid);
        claimed.used(decision.value(), text.isEmpty() ? null : text, shownHash, now);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessBindings.DECISION, decision.value());
        variables.put(ProcessBindings.COMMENT, text.isEmpty() ? null : text);
        String message = decision.label() + " by external approver " + link.getApproverEmail() + " via review link, content version "
                + link.getContentVersion() + " (sha256 " + link.getContentHash() + ")" + (text.isEmpty() ? "" : ": " + text);
        identity.setAuthentication(EXTERNAL_USER_PREFIX + link.getApproverEmail(), List.of());
        DECIDING.set(claimed);
        try {
            system.run(() -> {
                tasks.createComment(link.getTaskId(), link.getProcessInstanceId(), message);
                tasks.complete(link.getTaskId(), variables);
            });
        } finally {
            DECIDING.remove();
            identity.clearAuthentication();
        }
        reviewLinks.closeOpenLinks(link.getTaskId(), LinkStatus.CLOSED, "greenlight", "Another link of this review was used");
        LOG.info("External review link {} of post {} used by {}: {}", link.getId(), link.getPostId(), link.getApproverEmail(),
                decision.value());
        return page(token, claimed);
    }

    /** Verifies the token and that its link can still be used; marks links that died of a changed post or ended task. */
    private ExternalReviewLink check(String token) {
        String id = signer.linkId(token).orElseThrow(LinkRefused::invalid);
        ExternalReviewLink link = links.findById(id).filter(l -> signer.verify(token, l)).orElseThrow(LinkRefused::invalid);
        switch (link.getStatus()) {
            case USED -> throw LinkRefused.gone("This link was already used",
                    "Your decision (" + label(link.getDecision()) + ") was recorded on " + ReviewLinks.WHEN.format(link.getDecidedAt())
                            + ". A review link works once. Thank you!");
            case REVOKED -> throw LinkRefused.gone("This link was withdrawn",
                    "The team withdrew this review link. If you still need to review the post, ask them for a new link.");
            default -> { }
        }
        OffsetDateTime now = EngineClock.now();
        Post post = posts.findById(link.getPostId()).orElseThrow(LinkRefused::invalid);
        if (link.getStatus() == LinkStatus.SUPERSEDED || !reviewLinks.showsContentOf(link, post)) {
            if (link.getStatus() == LinkStatus.PENDING) {
                link.close(LinkStatus.SUPERSEDED, "greenlight", "The post's content changed", now);
            }
            throw changed();
        }
        if (link.getStatus() == LinkStatus.CLOSED) {
            throw closed();
        }
        if (link.isExpired(now)) {
            throw LinkRefused.gone("This link has expired", "It worked until " + ReviewLinks.WHEN.format(link.getExpiresAt())
                    + ". If you still need to review the post, ask the team for a new link.");
        }
        if (!reviewLinks.taskOpen(link.getTaskId())) {
            link.close(LinkStatus.CLOSED, "greenlight", "The review ended before the approver decided", now);
            throw closed();
        }
        return link;
    }

    private static LinkRefused changed() {
        return LinkRefused.gone("The post has changed",
                "The content was edited after this link was sent, so this link no longer works. If your review is still "
                        + "needed, you will get a new link for the new version.");
    }

    private static LinkRefused closed() {
        return LinkRefused.gone("This review is closed",
                "The post was withdrawn or the team has already decided on it, so your review is no longer needed.");
    }

    private ReviewPage page(String token, ExternalReviewLink link) {
        PostVersion version = versions.findByPostIdAndNumber(link.getPostId(), link.getContentVersion())
                .orElseThrow(LinkRefused::invalid);
        Post post = posts.findById(link.getPostId()).orElseThrow(LinkRefused::invalid);
        return new ReviewPage(token, version.getTitle(), version.getContent(), version.getNumber(), version.getContentHash(),
                shortForm(version.getContentHash()), link.getStageName(), link.getApproverEmail(),
                link.getExpiresAt(), post.getScheduledAt(), post.getTimeZone());
    }

    private static String shortForm(String hash) {
        return hash == null ? "" : hash.substring(0, Math.min(12, hash.length()));
    }

    private static String label(String decision) {
        return Decision.of(decision).map(d -> d.label().toLowerCase()).orElse("recorded");
    }
}
