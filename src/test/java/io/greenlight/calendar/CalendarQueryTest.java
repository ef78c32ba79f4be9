package io.greenlight.calendar;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
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
 * The posts of a calendar period, read as rows: every post shown once, at the time the calendar's rule gives, with all
 * its channels, across more published posts than one id lookup takes ({@link CalendarQuery#ID_CHUNK}). The posts are
 * this test's own author's, in a week of their own.
 */
@SpringBootTest
@ActiveProfiles("test")
class CalendarQueryTest {

    @Autowired
    PostRepository posts;
    @Autowired
    CalendarQuery calendar;
    @Autowired
    ChannelRepository channels;

    private final String author = "cal-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();

    /** A second channel of this test's own; "local" sorts before it. */
    private final String second = "zz-" + author;

    @AfterEach
    void remove() {
        posts.deleteAllById(created);
        channels.deleteById(second);
    }

    @Test
    void everyPostPublishedInThePeriodShowsOnceAcrossIdLookups() {
        OffsetDateTime from = OffsetDateTime.of(2033, 1, 3, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(7);
        int published = CalendarQuery.ID_CHUNK * 2 + 37;
        for (int i = 0; i < published; i++) {
            post("published " + i, null, from.plusMinutes(15L * i + 1));
        }
        post("scheduled in the week", from.plusDays(2), null);
        post("published the week before", null, from.minusHours(1));
        post("scheduled the week after", to.plusHours(1), null);

        List<CalendarPost> shown = calendar.between(from, to, CalendarFilter.of(null, null, null, author));

        assertThat(shown).hasSize(published + 1).extracting(CalendarPost::id).doesNotHaveDuplicates();
        assertThat(shown).extracting(CalendarPost::title).contains("published 0", "published " + (published - 1), "scheduled in the week")
                .doesNotContain("published the week before", "scheduled the week after");
        assertThat(shown).extracting(CalendarPost::shownAt).isSorted();
    }

    @Test
    void aPostStandsAtItsFirstPublicationWithAllItsChannels() {
        OffsetDateTime from = OffsetDateTime.of(2034, 5, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(7);
        OffsetDateTime scheduled = from.plusDays(3);
        channels.save(new Channel(second, "Second " + author, "LOCAL"));
        Post early = post("went out early", scheduled, second, from.plusDays(1), from.plusDays(2));
        post("scheduled in, went out after the week", scheduled, second, to.plusHours(2), null);
        post("scheduled before, went out in the week", from.minusDays(1), second, from.plusHours(5), null);
        post("scheduled, one channel only", from.plusDays(4), null);

        List<CalendarPost> shown = calendar.between(from, to, CalendarFilter.of(null, null, null, author));

        assertThat(shown).extracting(CalendarPost::title).containsExactly("scheduled before, went out in the week",
                "went out early", "scheduled, one channel only");
        CalendarPost first = shown.get(1);
        assertThat(first.id()).isEqualTo(early.getId());
        assertThat(first.channels()).containsExactly("local", second);
        assertThat(first.shownAt()).isEqualTo(from.plusDays(1));
        assertThat(first.scheduledAt()).isEqualTo(scheduled);
        assertThat(first.author()).isEqualTo(author);
        assertThat(first.timeZone()).isEqualTo("UTC");

        // a channel filter keeps the posts with that channel, each still with all of its channels
        List<CalendarPost> onSecond = calendar.between(from, to, CalendarFilter.of(second, null, null, author));
        assertThat(onSecond).extracting(CalendarPost::title).containsExactly("scheduled before, went out in the week",
                "went out early");
        assertThat(onSecond.get(1).channels()).containsExactly("local", second);
    }

    private void post(String title, OffsetDateTime scheduledAt, OffsetDateTime publishedAt) {
        post(title, scheduledAt, null, publishedAt, null);
    }

    /** A post on {@code local} (published at {@code localAt}) and, if named, a second channel (published at {@code secondAt}). */
    private Post post(String title, OffsetDateTime scheduledAt, String secondChannel, OffsetDateTime localAt, OffsetDateTime secondAt) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Post post = new Post(author, now);
        List<VariantContent> content = new ArrayList<>(List.of(new VariantContent("local", "Text of " + title, null)));
        if (secondChannel != null) {
            content.add(new VariantContent(secondChannel, "Second text of " + title, null));
        }
        post.edit(title, null, scheduledAt, "UTC", content, now);
        if (localAt != null) {
            post.variant("local").orElseThrow().markPublished("ext-" + title, null, localAt);
        }
        if (secondAt != null) {
            post.variant(secondChannel).orElseThrow().markPublished("ext2-" + title, null, secondAt);
        }
        Post saved = posts.save(post);
        created.add(saved.getId());
        return saved;
    }
}
