package io.greenlight.publishing;

import io.greenlight.testing.ApiTestSupport;
import io.greenlight.testing.RecordedSql;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording a channel's outcome locks the post's row before anything of the post is read. The lock is a select of
 * the post's row alone: with its variants joined in, PostgreSQL cannot lock the join and Hibernate read first and
 * locked in a second select, so two channels of one post finishing together made one lock fail on a stale version
 * and roll back the outcome of a publication that had gone out.
 */
class PostLockTest extends ApiTestSupport {

    @Autowired
    PublishLedger ledger;

    @Autowired
    PublishFailures failures;

    @Test
    void theLockingSelectReadsThePostRowAloneAndTheVariantsAfterIt() {
        String postId = createPost(CREATOR, unique("Locked"), "Locked first").path("id").asText();
        assertLockedFirst(RecordedSql.during(() -> ledger.settle(postId)));
        assertLockedFirst(RecordedSql.during(() -> failures.waitingForCheck(postId, "local", "timeout")));
    }

    private static void assertLockedFirst(List<String> statements) {
        List<String> sql = statements.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        int lock = indexOf(sql, "for update");
        assertThat(lock).as("a locking select in %s", sql).isNotNegative();
        assertThat(sql.get(lock)).as("the locking select").contains(" from post ").doesNotContain(" join ");
        assertThat(sql.subList(0, lock)).as("nothing of the post read before its lock").noneMatch(s -> s.contains(" from post"));
        assertThat(sql.subList(lock + 1, sql.size())).as("the variants, read under the lock")
                .anyMatch(s -> s.contains(" from post_variant "));
    }

    private static int indexOf(List<String> sql, String part) {
        for (int i = 0; i < sql.size(); i++) {
            if (sql.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
