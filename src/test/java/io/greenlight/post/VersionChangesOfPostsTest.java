package io.greenlight.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's "Version 3, changed: …" for a whole page at once: each post's latest version against the one before
 * it (not against the first), nothing for a post with one version, and more posts than one query's list takes.
 */
@SpringBootTest
@ActiveProfiles("test")
class VersionChangesOfPostsTest {

    @Autowired VersionChanges changes;
    @Autowired PostVersionRepository versions;
    @Autowired JdbcTemplate jdbc;

    @Test
    void eachPostsLatestVersionAgainstTheOneBeforeIt() {
        String threeRounds = post();
        version(threeRounds, 1, "Sale", "[local]\nFirst text");
        version(threeRounds, 2, "Spring sale", "[local]\nFirst text");
        version(threeRounds, 3, "Spring sale", "[local]\nSecond text");
        String unchanged = post();
        version(unchanged, 1, "Launch", "[local]\nSame");
        version(unchanged, 2, "Launch", "[local]\nSame");
        String once = post();
        version(once, 1, "Only once", "[local]\nText");

        List<String> asked = new ArrayList<>(List.of(threeRounds, unchanged, once));
        for (int i = 0; i < VersionChanges.IN_LIST; i++) {
            asked.add(UUID.randomUUID().toString());   // more than one list of ids, most of them without versions
        }
        Map<String, String> summaries = changes.ofPosts(asked);

        // version 3 changed the text only: the title changed in version 2, against version 1
        assertThat(summaries).containsEntry(threeRounds, "Version 3, changed: text on local")
                .containsEntry(unchanged, "Version 2, resubmitted unchanged")
                .doesNotContainKey(once)
                .hasSize(2);
        assertThat(changes.ofPosts(List.of())).isEmpty();
    }

    private String post() {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into post (id, title, author, time_zone, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
                id, "versions " + id, "creator", "UTC", "IN_REVIEW", now, now);
        return id;
    }

    private void version(String postId, int number, String title, String content) {
        versions.save(new PostVersion(postId, number, title, content, "hash-" + number, "creator",
                OffsetDateTime.now(ZoneOffset.UTC)));
    }
}
