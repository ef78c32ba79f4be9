package io.greenlight.notify;

import java.util.Optional;

/**
 * Where a notification about a process instance links to, for processes whose business key is not a post id.
 * A feature whose process runs on its own records (the community inbox's conversations) implements this, so an
 * e-mail, chat message or bell entry opens that record's page instead of a post page that does not exist.
 */
public interface RecordLinks {

    /** The page of the record with this business key (e.g. {@code /community/{id}}), or empty when it is not one of ours. */
    Optional<String> pathOf(String businessKey);
}
