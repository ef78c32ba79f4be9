package io.greenlight.notify;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The one rule for where a notification opens: the record's own page when a feature claims the business key
 * ({@link RecordLinks}), else the task in the review inbox, else the post, else the notification list. Used by
 * e-mails and chat messages ({@link MailContent}) and by the bell's list ({@code @notificationLinks.path(…)}).
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
            return "/posts/" + businessKey;
        }
        return "/notifications";
    }
}
