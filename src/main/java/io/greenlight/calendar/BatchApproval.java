package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostRepository;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.review.ReviewDecisionRules;
import io.greenlight.review.ReviewInbox;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * "Pre-approve before the holidays": the review tasks of the posts scheduled in a period, decided in one action. Each
 * post keeps its own instance: its task is claimed and approved in its own transaction, so the engine's history has
 * one entry per post (who, when, the comment) and one refusal (four-eyes, already taken) never stops the others.
 */
@Service
public class BatchApproval {

    private static final Logger LOG = LoggerFactory.getLogger(BatchApproval.class);
    static final int MAX_DAYS = 92;

    private final ReviewInbox inbox;
    private final PostRepository posts;
    private final TransactionTemplate tx;

    public BatchApproval(ReviewInbox inbox, PostRepository posts, PlatformTransactionManager transactions) {
        this.inbox = inbox;
        this.posts = posts;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A review the user could decide: the task, its post, and why not when they may not (they wrote it). */
    public record Candidate(ReviewInbox.TaskView task, Post post, String blockedBecause) {
        public boolean decidable() {
            return blockedBecause == null;
        }
    }

    public record Outcome(String postId, String title, boolean approved, String message) {
    }

    public List<Candidate> candidates(CurrentUser user, LocalDate from, LocalDate to, ZoneId zone) {
        check(from, to);
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        // the period's posts in review first (an index range), then only their tasks: not the whole inbox
        Map<String, Post> byId = posts.findByStatusAndScheduledAtGreaterThanEqualAndScheduledAtLessThan(
                        PostStatus.IN_REVIEW, start, end).stream()
                .collect(Collectors.toMap(Post::getId, Function.identity()));
        List<ReviewInbox.TaskView> reviews = inbox.ofPosts(user, byId.keySet()).stream()
                .filter(t -> ProcessBindings.REVIEW_FORM.equals(t.form()) && t.postId() != null).toList();
        List<Candidate> out = new ArrayList<>();
        for (ReviewInbox.TaskView t : reviews) {
            Post p = byId.get(t.postId());
            if (p == null || p.getScheduledAt() == null || p.getScheduledAt().isBefore(start) || !p.getScheduledAt().isBefore(end)) {
                continue;
            }
            String blocked = ReviewDecisionRules.wroteIt(p, user.id()) ? "you wrote it (four-eyes rule)"
                    : t.assignee() != null && !t.assignee().equals(user.id()) ? "claimed by " + t.assignee() : null;
            out.add(new Candidate(t, p, blocked));
        }
        out.sort(Comparator.comparing((Candidate c) -> c.post().getScheduledAt()).thenComparing(c -> c.post().getTitle()));
        return out;
    }

    /** Approves each task on its own; returns one outcome per task. */
    public List<Outcome> approve(CurrentUser user, List<String> taskIds, String comment, LocalDate from, LocalDate to) {
        check(from, to);
        if (taskIds == null || taskIds.isEmpty()) {
            throw UserFacingException.invalid("Select at least one post to approve.");
        }
        if (taskIds.size() > 500) {
            throw UserFacingException.invalid("At most 500 posts at once.");
        }
        if (taskIds.stream().anyMatch(id -> id == null || id.isBlank() || id.length() > 64)) {
            throw UserFacingException.invalid("taskIds: the selection holds something that is not a task. Reload the page and select again.");
        }
        String note = "Pre-approved in one batch for " + from + " – " + to
                + (comment == null || comment.isBlank() ? "" : ": " + comment.strip());
        if (note.length() > ReviewDecisionRules.MAX_COMMENT) {
            throw UserFacingException.invalid("comment: at most 3,900 characters.");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (String taskId : new LinkedHashSet<>(taskIds)) {
            String postId = null;
            String title = taskId;
            try {
                ReviewInbox.TaskView task = inbox.get(user, taskId);
                postId = task.postId();
                title = task.title();
                tx.executeWithoutResult(status -> {
                    inbox.claim(user, taskId);
                    inbox.complete(user, taskId, "approve", note);
                });
                outcomes.add(new Outcome(postId, title, true, "approved"));
            } catch (UserFacingException e) {
                outcomes.add(new Outcome(postId, title, false, e.getMessage()));
            } catch (RuntimeException e) {
                LOG.info("Batch approval of task {} by {} refused: {}", taskId, user.id(), e.getMessage());
                outcomes.add(new Outcome(postId, title, false, e.getMessage() == null ? "refused" : e.getMessage()));
            }
        }
        return outcomes;
    }

    private static void check(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw UserFacingException.invalid("Pick the first and the last day of the period.");
        }
        if (to.isBefore(from)) {
            throw UserFacingException.invalid("The period ends before it starts.");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw UserFacingException.invalid("Pick a period of at most " + MAX_DAYS + " days.");
        }
    }
}
