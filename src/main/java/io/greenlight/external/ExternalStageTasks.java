package io.greenlight.external;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.notify.Notifications;
import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.post.PostRepository;
import io.greenlight.review.Decision;
import io.greenlight.review.ReviewDecisionRules;
import io.greenlight.security.Groups;
import io.greenlight.team.Directory;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * An external stage's task from the engine's side (called by {@link ExternalReviewTaskListener}): created, it sends the
 * approver a link; completed in Tasklist on the approver's behalf, the review's decision rules apply and the open links
 * die; deleted, its links die.
 */
@Service
@Transactional(noRollbackFor = LinkRefused.class)
public class ExternalStageTasks {

    /** The form that marks a user task as an external stage. */
    public static final String FORM = "external-review";
    /** Input parameter or variable: the approver's e-mail address. */
    public static final String APPROVER_EMAIL = "approverEmail";
    /** Optional input parameter: how long the link works (ISO-8601 duration), instead of the configured default. */
    public static final String LINK_VALIDITY = "linkValidity";

    private static final Logger LOG = LoggerFactory.getLogger(ExternalStageTasks.class);
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    private final ReviewLinks reviewLinks;
    private final PostRepository posts;
    private final PostProgress progress;
    private final ExternalReviewProperties properties;
    private final Notifications notifications;
    private final Directory directory;

    public ExternalStageTasks(ReviewLinks reviewLinks, PostRepository posts, PostProgress progress,
                              ExternalReviewProperties properties, Notifications notifications, Directory directory) {
        this.reviewLinks = reviewLinks;
        this.posts = posts;
        this.progress = progress;
        this.properties = properties;
        this.notifications = notifications;
        this.directory = directory;
    }

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
            reviewLinks.comment(task.getId(), task.getProcessInstanceId(), message);
            notifications.send(directory.members(Groups.MANAGERS), message, postId);
            return;
        }
        reviewLinks.issue(post, task.getId(), task.getProcessInstanceId(), task.getName(), email,
                validity(task.getVariable(LINK_VALIDITY)));
    }

    /**
     * The task is being completed. Through a link: nothing to add. By a team member (Tasklist, on the approver's behalf):
     * the four-eyes rule and the decision checks of a review apply, and the links still open die.
     */
    void taskCompleting(DelegateTask task) {
        if (ExternalReviews.isDecidingThroughLink(task.getId())) {
            // ExternalReviews.decide() checked the decision
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
        reviewLinks.comment(task.getId(), task.getProcessInstanceId(),
                checked.note(" by " + decider + " on behalf of the external approver"));
        reviewLinks.closeOpenLinks(task.getId(), LinkStatus.CLOSED, decider, "Decided in Greenlight by " + decider);
        ReviewDecisionRules.handBackFeedback(task, checked.decision(), checked.comment());
    }

    /** The task ended without a decision (withdrawn, interrupted, the process deleted): its links die. */
    void taskDeleted(DelegateTask task) {
        reviewLinks.closeOpenLinks(task.getId(), LinkStatus.CLOSED, "greenlight", "The review ended before the approver decided");
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
}
