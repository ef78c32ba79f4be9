package io.greenlight.notify;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One notification to deliver.
 *
 * @param event      what it is about (picks the subject, the users' preferences and the teams' chat filter)
 * @param users      who receives it in person (in-app, e-mail)
 * @param teams      whose chat webhook receives it (groups)
 * @param text       the message
 * @param postId     the post it is about, if any (timeline, link)
 * @param taskId     the task it is about, if any (the link goes straight to it)
 * @param channels   the channels the sender allows (the diagram's {@code channels}); users' choices narrow them
 */
public record Notice(NotificationEvent event, Collection<String> users, Collection<String> teams, String text,
                     String postId, String taskId, Set<DeliveryChannel> channels) {

    public static Notice of(NotificationEvent event, Collection<String> users, String text, String postId) {
        return new Notice(event, users, List.of(), text, postId, null, EnumSet.allOf(DeliveryChannel.class));
    }

    public Notice withTask(String task) {
        return new Notice(event, users, teams, text, postId, task, channels);
    }

    public Notice withTeams(Collection<String> groups) {
        return new Notice(event, users, groups, text, postId, taskId, channels);
    }

    public Notice on(Set<DeliveryChannel> allowed) {
        return new Notice(event, users, teams, text, postId, taskId, allowed);
    }
}
