package io.greenlight.notify;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a notification about a process instance links to, for processes whose business key is not a post id.
 * A feature whose process runs on its own records (the community inbox's conversations) implements this, so an
 * e-mail, chat message or bell entry opens that record's page instead of a post page that does not exist.
 */
public interface RecordLinks {

    /** The page of the record with this business key (e.g. {@code /community/{id}}), or empty when it is not one of ours. */
    Optional<String> pathOf(String businessKey);

    /**
     * The pages of those of these business keys that are ours, by key: what a list of notifications asks, once for
     * the list. Implementations look them up in one query; this default asks {@link #pathOf} for each.
     */
    default Map<String, String> pathsOf(Collection<String> businessKeys) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String key : businessKeys) {
            pathOf(key).ifPresent(path -> paths.put(key, path));
        }
        return paths;
    }
}
