package io.greenlight.notify;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for where a notification opens: the record's own page when a feature claims the business key
 * ({@link RecordLinks}), else the task in the review inbox, else the post, else the notification list. Used by
 * e-mails and chat messages ({@link MailContent}) and by the notification list ({@link #paths}).
 */
@Component("notificationLinks")
public class NotificationLinks {

    private final List<RecordLinks> records;

    public NotificationLinks(List<RecordLinks> records) {
        this.records = records;
    }

    /** A path inside Greenlight; {@code businessKey} is a post id or another record's id, {@code taskId} may be null. */
    public String path(String businessKey, String taskId) {
        if (businessKey != null) {
            for (RecordLinks r : records) {
                Optional<String> path = r.pathOf(businessKey);
                if (path.isPresent()) {
                    return path.get();
                }
            }
        }
        if (taskId != null) {
            return "/inbox#task-" + taskId;
        }
        if (businessKey != null) {
            return postPath(businessKey);
        }
        return "/notifications";
    }

    /**
     * {@link #path} without a task for each of these business keys, by key: a record's page or the post's. Asks each
     * feature's {@link RecordLinks} once for all of them, so a list of 100 notifications costs one query per feature,
     * not one per notification.
     */
    public Map<String, String> paths(Collection<String> businessKeys) {
        Set<String> open = new LinkedHashSet<>(businessKeys);
        open.remove(null);
        Map<String, String> paths = new HashMap<>();
        for (RecordLinks r : records) {
            if (open.isEmpty()) {
                break;
            }
            r.pathsOf(List.copyOf(open)).forEach((key, path) -> {
                if (open.remove(key)) {
                    paths.put(key, path);
                }
            });
        }
        open.forEach(key -> paths.put(key, postPath(key)));
        return paths;
    }

    private static String postPath(String postId) {
        return "/posts/" + postId;
    }
}
