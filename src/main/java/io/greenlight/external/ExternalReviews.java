package io.greenlight.external;

import io.greenlight.notify.Notifications;
import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostVersion;
import io.greenlight.post.PostVersionRepository;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import io.greenlight.review.Decision;
import io.greenlight.review.ReviewDecisionRules;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * External approvers without an account. A user task with the form {@code external-review} (see processes/README.md)
 * sends its approver — the e-mail address in the variable or input parameter {@code approverEmail} — a signed link to a
 * public page that shows exactly the content version under review. The approver approves or requests changes once;
 * the link dies when it is used, when it expires, when a manager revokes it, when the content changes or when the
 * review ends otherwise. Every step is recorded on the post's timeline with the content hash.
 */
@Service
@Transactional(noRollbackFor = LinkRefused.class)
public class ExternalReviews {

    /** The form that marks a user task as an external stage. */
    public static final String FORM = "external-review";
    /** Input parameter or variable: the approver's e-mail address. */
    public static final String APPROVER_EMAIL = "approverEmail";
    /** Optional input parameter: how long the link works (ISO-8601 duration), instead of the configured default. */
    public static final String LINK_VALIDITY = "linkValidity";

    static final String EXTERNAL_USER_PREFIX = "external:";

    private static final Logger LOG = LoggerFactory.getLogger(ExternalReviews.class);
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    /** Set while a link completes its task, so the task listener knows the decision came through the link. */
    private static final ThreadLocal<ExternalReviewLink> DECIDING = new ThreadLocal<>();

    private final ExternalReviewLinkRepository links;
    private final PostRepository posts;
    private final PostVersionRepository versions;
    private final PostProgress progress;
    private final LinkSigner signer;
    private final ExternalReviewMailer mailer;
    private final ExternalReviewProperties properties;
    private final Notifications notifications;
    private final SystemAccess system;
    private final TaskService tasks;
    private final IdentityService identity;

    public ExternalReviews(ExternalReviewLinkRepository links, PostRepository posts, PostVersionRepository versions,
                           PostProgress progress, LinkSigner signer, ExternalReviewMailer mailer,
                           ExternalReviewProperties properties, Notifications notifications, SystemAccess system,
                           TaskService tasks, IdentityService identity) {
        this.links = links;
        this.posts = posts;
        this.versions = versions;
        this.progress = progress;
        this.signer = signer;
        this.mailer = mailer;
        this.properties = properties;
        this.notifications = notifications;
        this.system = system;
        this.tasks = tasks;
        this.identity = identity;
    }

    /** What the approver's page shows: the snapshot of the content version the link is bound to. */
    public record ReviewPage(String token, String title, String content, int contentVersion, String contentHash,
                             String shortHash, String stage, String approverEmail, OffsetDateTime expiresAt,
                             OffsetDateTime scheduledAt, String timeZone) {
    }

    /** A link as the team sees it (the link itself is never shown: only the approver's e-mail has it). */
    public record LinkView(String id, String approverEmail, String stage, String status, int contentVersion,
                           String contentHash, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime mailedAt,
                           String mailError, OffsetDateTime viewedAt, OffsetDateTime decidedAt, String decision,
                           String comment, String seenHash, OffsetDateTime closedAt, String closedBy, String closedReason,
                           boolean open) {
    }

    // ---- the task's life (called by ExternalReviewTaskListener) --------------------------------------------------

    /** A task with the external form was created: clear the last round's decision and send the approver a link. */
    void taskCreated(DelegateTask task) {
        String postId = task.getExecution().getProcessBusinessKey();
        Post post = postId == null ? null : posts.findById(postId).orElse(null);
        ReviewDecisionRules.forgetDecision(task.getExecution());
        if (post == null) {
            LOG.warn("External review task {} belongs to no post (business key {}); no link sent", task.getId(), postId);
            return;
        }
        progress.inReview(postId);
        String email = approverEmail(task.getVariable(APPROVER_EMAIL));
        if (email == null) {
            String message = "\"" + post.getTitle() + "\" waits in \"" + task.getName() + "\", but the stage has no valid approver "
                    + "e-mail (" + APPROVER_EMAIL + "), so no review link was sent. Fix the diagram or decide the task in Tasklist.";
            comment(task.getId(), task.getProcessInstanceId(), message);
            notifications.send(managers(), message, postId);
            return;
        }
        issue(post, task.getId(), task.getProcessInstanceId(), task.getName(), email, validity(task.getVariable(LINK_VALIDITY)));
    }

    /**
     * The task is being completed. Through a link: nothing to add. By a team member (Tasklist, on the approver's behalf):
     * the four-eyes rule and the decision checks of a review apply, and the links still open die.
     */
    void taskCompleting(DelegateTask task) {
        ExternalReviewLink deciding = DECIDING.get();
        if (deciding != null && deciding.getTaskId().equals(task.getId())) {
            // decided through the link: decide() checked it
            Object comment = task.getVariable(ProcessBindings.COMMENT);
            Decision.of(task.getVariable(ProcessBindings.DECISION)).ifPresent(decision -> ReviewDecisionRules.handBackFeedback(
                    task, decision, comment instanceof String s ? s.strip() : null));
            return;
        }
        String postId = task.getExecution().getProcessBusinessKey();
        Post post = postId == null ? null : posts.findById(postId).orElse(null);
        String decider = ReviewDecisionRules.decider(task);
        if (post != null) {
            ReviewDecisionRules.requireNotAuthor(post, decider, "decide its external review.");
        }
        ReviewDecisionRules.Checked checked = ReviewDecisionRules.requireValid(task,
                raw -> "'decision' must be one of approve, changes or reject.");
        comment(task.getId(), task.getProcessInstanceId(), checked.note(" by " + decider + " on behalf of the external approver"));
        closeOpenLinks(task.getId(), LinkStatus.CLOSED, decider, "Decided in Greenlight by " + decider);
        ReviewDecisionRules.handBackFeedback(task, checked.decision(), checked.comment());
    }

    /** The task ended without a decision (withdrawn, interrupted, the process deleted): its links die. */
    void taskDeleted(DelegateTask task) {
        closeOpenLinks(task.getId(), LinkStatus.CLOSED, "greenlight", "The review ended before the approver decided");
    }

    // ---- the approver's page ------------------------------------------------------------------------------------

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
        closeOpenLinks(link.getTaskId(), LinkStatus.CLOSED, "greenlight", "Another link of this review was used");
        LOG.info("External review link {} of post {} used by {}: {}", link.getId(), link.getPostId(), link.getApproverEmail(),
                decision.value());
        return page(token, claimed);
    }

    // ---- the team's view ----------------------------------------------------------------------------------------

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
        system.run(() -> {
            if (tasks.createTaskQuery().taskId(link.getTaskId()).count() > 0) {
                comment(link.getTaskId(), link.getProcessInstanceId(), "Review link for " + link.getApproverEmail()
                        + " revoked by " + user.id());
            }
        });
        return view(link, EngineClock.now());
    }

    /** A manager sends a fresh link to the same approver for the same open task (the old ones are revoked). */
    public LinkView resend(CurrentUser user, String postId, String linkId) {
        ExternalReviewLink old = managedLink(user, postId, linkId);
        Post post = requirePost(postId);
        boolean open = system.call(() -> tasks.createTaskQuery().taskId(old.getTaskId()).count() > 0);
        if (!open) {
            throw UserFacingException.conflict("This review has ended; there is nothing to send a link for.");
        }
        if (post.getContentVersion() != old.getContentVersion() || !ContentFingerprint.of(post).equals(old.getContentHash())) {
            throw UserFacingException.conflict("The post's content changed since this link was sent; it needs a new review round.");
        }
        closeOpenLinks(old.getTaskId(), LinkStatus.REVOKED, user.id(), "Replaced by a new link sent by " + user.id());
        Duration validity = Duration.between(old.getCreatedAt(), old.getExpiresAt());
        ExternalReviewLink fresh = system.call(() -> issue(post, old.getTaskId(), old.getProcessInstanceId(), old.getStageName(),
                old.getApproverEmail(), validity.isNegative() || validity.isZero() ? properties.linkValidity() : validity));
        return view(fresh, EngineClock.now());
    }

    // ---- internals ----------------------------------------------------------------------------------------------

    private ExternalReviewLink issue(Post post, String taskId, String processInstanceId, String stage, String email,
                                     Duration validity) {
        PostVersion version = versions.findByPostIdAndNumber(post.getId(), post.getContentVersion()).orElse(null);
        if (version == null) {
            LOG.warn("Post {} has no snapshot of content version {}; no review link sent", post.getId(), post.getContentVersion());
            return null;
        }
        OffsetDateTime now = EngineClock.now();
        ExternalReviewLink link = links.save(new ExternalReviewLink(post.getId(), version.getNumber(), version.getContentHash(),
                taskId, processInstanceId, stage, email, now, now.plus(validity)));
        comment(taskId, processInstanceId, "Review link e-mailed to " + email + " for content version " + version.getNumber()
                + " (sha256 " + version.getContentHash() + "), valid until " + WHEN.format(link.getExpiresAt()));
        mailer.sendAfterCommit(link, signer.sign(link), version.getTitle());
        return link;
    }

    /** Verifies the token and that its link can still be used; marks links that died of a changed post or ended task. */
    private ExternalReviewLink check(String token) {
        String id = signer.linkId(token).orElseThrow(LinkRefused::invalid);
        ExternalReviewLink link = links.findById(id).filter(l -> signer.verify(token, l)).orElseThrow(LinkRefused::invalid);
        switch (link.getStatus()) {
            case USED -> throw LinkRefused.gone("This link was already used",
                    "Your decision (" + label(link.getDecision()) + ") was recorded on " + WHEN.format(link.getDecidedAt())
                            + ". A review link works once. Thank you!");
            case REVOKED -> throw LinkRefused.gone("This link was withdrawn",
                    "The team withdrew this review link. If you still need to review the post, ask them for a new link.");
            default -> { }
        }
        OffsetDateTime now = EngineClock.now();
        Post post = posts.findById(link.getPostId()).orElseThrow(LinkRefused::invalid);
        if (link.getStatus() == LinkStatus.SUPERSEDED || post.getContentVersion() != link.getContentVersion()
                || !ContentFingerprint.of(post).equals(link.getContentHash())) {
            if (link.getStatus() == LinkStatus.PENDING) {
                link.close(LinkStatus.SUPERSEDED, "greenlight", "The post's content changed", now);
            }
            throw changed();
        }
        if (link.getStatus() == LinkStatus.CLOSED) {
            throw closed();
        }
        if (link.isExpired(now)) {
            throw LinkRefused.gone("This link has expired", "It worked until " + WHEN.format(link.getExpiresAt())
                    + ". If you still need to review the post, ask the team for a new link.");
        }
        boolean taskOpen = system.call(() -> tasks.createTaskQuery().taskId(link.getTaskId()).count() > 0);
        if (!taskOpen) {
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
                ContentFingerprint.shortForm(version.getContentHash()), link.getStageName(), link.getApproverEmail(),
                link.getExpiresAt(), post.getScheduledAt(), post.getTimeZone());
    }

    private void closeOpenLinks(String taskId, LinkStatus status, String by, String reason) {
        OffsetDateTime now = EngineClock.now();
        links.findByTaskIdAndStatus(taskId, LinkStatus.PENDING).forEach(l -> l.close(status, by, reason, now));
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

    private static String label(String decision) {
        return Decision.of(decision).map(d -> d.label().toLowerCase()).orElse("recorded");
    }

    private void comment(String taskId, String processInstanceId, String message) {
        if (Context.getCommandContext() != null) {
            Context.getCommandContext().runWithoutAuthorization(() -> tasks.createComment(taskId, processInstanceId, message));
        } else {
            system.run(() -> tasks.createComment(taskId, processInstanceId, message));
        }
    }

    private Set<String> managers() {
        Set<String> ids = new LinkedHashSet<>();
        system.run(() -> identity.createUserQuery().memberOfGroup(Groups.MANAGERS).list().stream().map(User::getId).forEach(ids::add));
        return ids;
    }

    /** The approver's address, or null when it is missing or not one plain address (no lists, no display names). */
    static String approverEmail(Object raw) {
        if (!(raw instanceof String s)) {
            return null;
        }
        String email = s.strip();
        if (email.isEmpty() || email.length() > 200 || !EMAIL.matcher(email).matches()) {
            return null;
        }
        return email;
    }

    private Duration validity(Object raw) {
        Duration validity = properties.linkValidity();
        if (raw instanceof String s && !s.isBlank()) {
            try {
                validity = Duration.parse(s.strip());
            } catch (DateTimeParseException e) {
                LOG.warn("linkValidity '{}' is not an ISO-8601 duration; using {}", s, properties.linkValidity());
            }
        }
        if (validity.isNegative() || validity.isZero()) {
            validity = properties.linkValidity();
        }
        return validity.compareTo(properties.maxLinkValidity()) > 0 ? properties.maxLinkValidity() : validity;
    }

    static List<String> statuses() {
        List<String> all = new ArrayList<>();
        for (LinkStatus s : LinkStatus.values()) {
            all.add(s.name());
        }
        all.add("EXPIRED");
        return all;
    }
}
