package io.greenlight.notify;

import io.greenlight.channel.ChannelTokenExpiring;
import io.greenlight.post.ChangesRequested;
import io.greenlight.post.PostApproved;
import io.greenlight.publishing.PostPublished;
import io.greenlight.publishing.PostWithdrawn;
import io.greenlight.publishing.PublishFailed;
import io.greenlight.publishing.PublishingPaused;
import io.greenlight.review.ApprovedLate;
import io.greenlight.security.Groups;
import io.greenlight.team.Directory;
import io.greenlight.team.TaskWaitsForEmptyGroup;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who hears what about a post's life. The features publish what happened ({@link PostApproved},
 * {@link PublishFailed}, …); this class words it and picks the people, each event once. The listeners run in the
 * publisher's transaction, so a notice (and its outbox row) is stored exactly when what it tells is.
 */
@Component
class LifecycleNotices {

    static final int MAX_MESSAGE = 1000;

    private final Notifications notifications;
    private final Directory directory;

    LifecycleNotices(Notifications notifications, Directory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    @EventListener
    void on(PostApproved e) {
        notifications.send(NotificationEvent.APPROVED, List.of(e.author()),
                "Approved: \"" + e.title() + "\"" + (e.scheduled() ? " is scheduled." : " goes out now."), e.postId());
    }

    @EventListener
    void on(ChangesRequested e) {
        notifications.send(NotificationEvent.CHANGES_REQUESTED, List.of(e.author()),
                "Changes requested on \"" + e.title() + "\"" + (e.feedback() == null ? "" : ": " + e.feedback()), e.postId());
    }

    @EventListener
    void on(ApprovedLate e) {
        notifications.send(NotificationEvent.LATE_APPROVAL, List.of(e.author()),
                "\"" + e.title() + "\" was approved after its publishing time; " + (e.decidedBy() == null ? "a manager" : e.decidedBy())
                        + " decided to " + e.outcome() + ".", e.postId());
    }

    @EventListener
    void on(PostPublished e) {
        notifications.send(NotificationEvent.PUBLISHED, List.of(e.author()),
                "Published: \"" + e.title() + "\" is out on " + e.where() + ".", e.postId());
    }

    @EventListener
    void on(PublishFailed e) {
        String message = "Publishing \"" + e.title() + "\" to " + e.channel() + " failed: " + e.error();
        notifications.send(NotificationEvent.PUBLISH_FAILED, authorAndManagers(e.author()),
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message, e.postId());
    }

    @EventListener
    void on(PostWithdrawn e) {
        notifications.send(authorAndManagers(e.author()), "\"" + e.title() + "\" was withdrawn from " + e.channels() + " channel"
                + (e.channels() == 1 ? "" : "s") + ".", e.postId());
    }

    @EventListener
    void on(ChannelTokenExpiring e) {
        notifications.send(directory.members(Groups.MANAGERS), "The " + e.network() + " token of channel \"" + e.channelName()
                + "\" (" + e.channelKey() + ") " + (e.expired() ? "has expired" : "expires on " + e.expiresAt().toLocalDate())
                + ": reconnect the account on the channels page, or posts to it will fail.", null);
    }

    @EventListener
    void on(TaskWaitsForEmptyGroup e) {
        Collection<String> managers = directory.members(Groups.MANAGERS);
        String groups = String.join(" or ", e.groups());
        notifications.send(NotificationEvent.ESCALATION, managers.isEmpty() ? directory.members(Groups.ADMIN) : managers,
                (e.title() == null ? "" : "\"" + e.title() + "\": ") + "\"" + e.taskName() + "\" is waiting for " + groups
                        + ", which " + (e.groups().size() == 1 ? "has" : "have") + " no members — add someone on the People page.",
                e.postId());
    }

    private Collection<String> authorAndManagers(String author) {
        Set<String> recipients = new LinkedHashSet<>();
        if (author != null) {
            recipients.add(author);
        }
        recipients.addAll(directory.members(Groups.MANAGERS));
        return recipients;
    }
}
