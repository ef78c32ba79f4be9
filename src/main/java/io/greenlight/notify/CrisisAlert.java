package io.greenlight.notify;

import io.greenlight.publishing.PublishingPaused;
import io.greenlight.security.Groups;
import io.greenlight.team.Directory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * "Crisis: pause everything, alert the team". When a manager pauses publishing, everyone in the working
 * groups (creators, reviewers, managers, community) and those teams' chats hear it (event {@code crisis-pause}).
 */
@Component
public class CrisisAlert {

    static final List<String> TEAMS = List.of(Groups.CREATORS, Groups.REVIEWERS, Groups.MANAGERS, Groups.COMMUNITY);

    private final Notifications notifications;
    private final Directory directory;

    public CrisisAlert(Notifications notifications, Directory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    @EventListener
    void on(PublishingPaused e) {
        paused(e.by(), e.reason(), e.held());
    }

    public void paused(String by, String reason, int held) {
        Set<String> people = new LinkedHashSet<>();
        TEAMS.forEach(g -> people.addAll(directory.members(g)));
        notifications.deliver(new Notice(NotificationEvent.CRISIS_PAUSE, people, TEAMS,
                "Publishing is paused by " + by + ": " + reason + " (" + held + " scheduled posts held).", null, null,
                java.util.EnumSet.allOf(DeliveryChannel.class)));
    }
}
