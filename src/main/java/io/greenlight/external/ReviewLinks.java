package io.greenlight.external;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.SystemAccess;
import io.greenlight.post.Post;
import io.greenlight.post.PostVersion;
import io.greenlight.post.PostVersionRepository;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What every side of an external review does with its links: issue one (saved, noted on the task, e-mailed after
 * commit), close the open ones of a task, note a step on the task, ask whether the task is still open.
 */
@Component
@Transactional(noRollbackFor = LinkRefused.class)
class ReviewLinks {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private static final Logger LOG = LoggerFactory.getLogger(ReviewLinks.class);

    private final ExternalReviewLinkRepository links;
    private final PostVersionRepository versions;
    private final LinkSigner signer;
    private final io.greenlight.post.PostService posts;
    private final ExternalReviewMailer mailer;
    private final SystemAccess system;
    private final TaskService tasks;

    ReviewLinks(ExternalReviewLinkRepository links, PostVersionRepository versions, LinkSigner signer,
                ExternalReviewMailer mailer, SystemAccess system, TaskService tasks, io.greenlight.post.PostService posts) {
        this.posts = posts;
        this.links = links;
        this.versions = versions;
        this.signer = signer;
        this.mailer = mailer;
        this.system = system;
        this.tasks = tasks;
    }

    /** A link to the post's current content version for the task's approver; null when that version has no snapshot. */
    ExternalReviewLink issue(Post post, String taskId, String processInstanceId, String stage, String email, Duration validity) {
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

    void closeOpenLinks(String taskId, LinkStatus status, String by, String reason) {
        OffsetDateTime now = EngineClock.now();
        links.findByTaskIdAndStatus(taskId, LinkStatus.PENDING).forEach(l -> l.close(status, by, reason, now));
    }

    boolean taskOpen(String taskId) {
        return system.call(() -> tasks.createTaskQuery().taskId(taskId).count() > 0);
    }

    /** A Camunda task comment (Tasklist's history), inside an engine command or outside one. */
    void comment(String taskId, String processInstanceId, String message) {
        if (Context.getCommandContext() != null) {
            Context.getCommandContext().runWithoutAuthorization(() -> tasks.createComment(taskId, processInstanceId, message));
        } else {
            system.run(() -> tasks.createComment(taskId, processInstanceId, message));
        }
    }

    /** Whether the post still has the content (text and media) the link was issued for. */
    boolean showsContentOf(ExternalReviewLink link, io.greenlight.post.Post post) {
        return link.showsContentOf(post, posts.contentHash(post));
    }
}
