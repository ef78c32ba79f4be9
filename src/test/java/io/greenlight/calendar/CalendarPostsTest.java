package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.post.VariantContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A period with more published posts than one id lookup takes ({@link CalendarPosts#ID_CHUNK}) shows every one of
 * them once, beside the posts scheduled in it, and none from outside it. The posts are this test's own author's, in a
 * week of their own.
 */
@SpringBootTest
@ActiveProfiles("test")
class CalendarPostsTest {

    @Autowired
    PostRepository posts;
    @Autowired
    CalendarPosts calendar;

    private final String author = "cal-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void remove() {
        posts.deleteAllById(created);
    }

    @Test
    void everyPostPublishedInThePeriodShowsOnceAcrossIdLookups() {
        OffsetDateTime from = OffsetDateTime.of(2033, 1, 3, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(7);
        int published = CalendarPosts.ID_CHUNK * 2 + 37;
        for (int i = 0; i < published; i++) {
            post("published " + i, null, from.plusMinutes(30L * i + 1));
        }
        post("scheduled in the week", from.plusDays(2), null);
        post("published the week before", null, from.minusHours(1));
        post("scheduled the week after", to.plusHours(1), null);

        List<Post> shown = calendar.onCalendarBetween(from, to, CalendarFilter.of(null, null, null, author));

        assertThat(shown).hasSize(published + 1).doesNotHaveDuplicates();
        assertThat(shown).extracting(Post::getTitle).contains("published 0", "published " + (published - 1), "scheduled in the week")
                .doesNotContain("published the week before", "scheduled the week after");
        assertThat(shown).extracting(CalendarTime::of).isSorted();
    }

    private void post(String title, OffsetDateTime scheduledAt, OffsetDateTime publishedAt) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Post post = new Post(author, now);
        post.edit(title, null, scheduledAt, "UTC", List.of(new VariantContent("local", "Text of " + title, null)), now);
        if (publishedAt != null) {
            post.variant("local").orElseThrow().markPublished("ext-" + title, null, publishedAt);
        }
        created.add(posts.save(post).getId());
    }
}
