package io.greenlight.external;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.SystemAccess;
import io.greenlight.engine.UserFacingException;
import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** The team's view of a post's external review links: everyone lists them; managers revoke or resend them. */
@Service
@Transactional(noRollbackFor = LinkRefused.class)
public class ExternalReviewLinks {

    /** A link as the team sees it (the link itself is never shown: only the approver's e-mail has it). */
    public record LinkView(String id, String approverEmail, String stage, String status, int contentVersion,
                           String contentHash, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime mailedAt,
                           String mailError, OffsetDateTime viewedAt, OffsetDateTime decidedAt, String decision,
                           String comment, String seenHash, OffsetDateTime closedAt, String closedBy, String closedReason,
                           boolean open) {
    }

    private final ExternalReviewLinkRepository links;
    private final ReviewLinks reviewLinks;
    private final PostRepository posts;
    private final ExternalReviewProperties properties;
    private final SystemAccess system;

    public ExternalReviewLinks(ExternalReviewLinkRepository links, ReviewLinks reviewLinks, PostRepository posts,
                               ExternalReviewProperties properties, SystemAccess system) {
        this.links = links;
        this.reviewLinks = reviewLinks;
        this.posts = posts;
        this.properties = properties;
        this.system = system;
    }

    @Transactional(readOnly = true)
    public List<LinkView> list(String postId) {
        requirePost(postId);
        OffsetDateTime now = EngineClock.now();
        return links.findByPostIdOrderByCreatedAtDesc(postId).stream().map(l -> view(l, now)).toList();
    }

    /** A manager withdraws a link: it stops working at once; the review task stays open. */
    public LinkView revoke(CurrentUser user, String postId, String linkId) {
        ExternalReviewLink link = managedLink(user, postId, linkId);
        if (link.getStatus() != LinkStatus.PENDING) {
            throw UserFacingException.conflict("This link is " + link.getStatus().name().toLowerCase() + " already.");
        }
        link.close(LinkStatus.REVOKED, user.id(), "Revoked by " + user.id(), EngineClock.now());
        if (reviewLinks.taskOpen(link.getTaskId())) {
            reviewLinks.comment(link.getTaskId(), link.getProcessInstanceId(), "Review link for " + link.getApproverEmail()
                    + " revoked by " + user.id());
        }
        return view(link, EngineClock.now());
    }

    /** A manager sends a fresh link to the same approver for the same open task (the old ones are revoked). */
    public LinkView resend(CurrentUser user, String postId, String linkId) {
        ExternalReviewLink old = managedLink(user, postId, linkId);
        Post post = requirePost(postId);
        if (!reviewLinks.taskOpen(old.getTaskId())) {
            throw UserFacingException.conflict("This review has ended; there is nothing to send a link for.");
        }
        if (!reviewLinks.showsContentOf(old, post)) {
            throw UserFacingException.conflict("The post's content changed since this link was sent; it needs a new review round.");
        }
        reviewLinks.closeOpenLinks(old.getTaskId(), LinkStatus.REVOKED, user.id(), "Replaced by a new link sent by " + user.id());
        Duration validity = Duration.between(old.getCreatedAt(), old.getExpiresAt());
        ExternalReviewLink fresh = system.call(() -> reviewLinks.issue(post, old.getTaskId(), old.getProcessInstanceId(),
                old.getStageName(), old.getApproverEmail(),
                validity.isNegative() || validity.isZero() ? properties.linkValidity() : validity));
        return view(fresh, EngineClock.now());
    }

    private ExternalReviewLink managedLink(CurrentUser user, String postId, String linkId) {
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers can revoke or resend review links.");
        }
        requirePost(postId);
        return links.findById(linkId == null ? "" : linkId).filter(l -> l.getPostId().equals(postId))
                .orElseThrow(() -> UserFacingException.notFound("This post has no review link with that id."));
    }

    private Post requirePost(String postId) {
        return posts.findById(postId == null ? "" : postId)
                .orElseThrow(() -> UserFacingException.notFound("There is no post with the id '" + postId + "'."));
    }

    private static LinkView view(ExternalReviewLink l, OffsetDateTime now) {
        boolean open = l.getStatus() == LinkStatus.PENDING && !l.isExpired(now);
        String status = l.getStatus() == LinkStatus.PENDING && l.isExpired(now) ? "EXPIRED" : l.getStatus().name();
        return new LinkView(l.getId(), l.getApproverEmail(), l.getStageName(), status, l.getContentVersion(), l.getContentHash(),
                l.getCreatedAt(), l.getExpiresAt(), l.getMailedAt(), l.getMailError(), l.getViewedAt(), l.getDecidedAt(),
                l.getDecision(), l.getDecisionComment(), l.getSeenHash(), l.getClosedAt(), l.getClosedBy(), l.getClosedReason(),
                open);
    }
}
