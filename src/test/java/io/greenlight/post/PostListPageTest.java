package io.greenlight.post;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * My posts a page at a time without a count: "Newer"/"Older" links, every post on exactly one page (ties on the
 * change time broken by id), the status filter kept across pages, and a page past the end that says so. Each test
 * signs in as an author of its own, so the posts other tests write in the shared database are not in the list.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PostListPageTest {

    private static final int PAGE = PostListPageController.PAGE_SIZE;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private String author;
    private String prefix;
    /** The author's drafts, newest change first (id descending within the same time), as the page must list them. */
    private final List<String[]> drafts = new ArrayList<>();

    @BeforeEach
    void anAuthorWith45DraftsAnd3InReview() {
        author = "lister-" + UUID.randomUUID().toString().substring(0, 8);
        prefix = "List " + author + " ";
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 45; i++) {
            // groups of three share their change time, as a bulk import does
            drafts.add(insert(prefix + "draft " + i, "DRAFT", base.minus(i / 3, ChronoUnit.MINUTES)));
        }
        for (int i = 0; i < 3; i++) {
            insert(prefix + "review " + i, "IN_REVIEW", base.minus(i, ChronoUnit.HOURS));
        }
        drafts.sort(Comparator.<String[], Instant>comparing(d -> Instant.parse(d[2])).reversed()
                .thenComparing(Comparator.<String[], String>comparing(d -> d[0]).reversed()));
    }

    @Test
    void pagesGoOlderAndNewerWithoutACount() throws Exception {
        String first = page("/posts?status=DRAFT");
        assertThat(titles(first)).containsExactlyElementsOf(expected(0, PAGE));
        assertThat(first).contains("Page 1<", "page=1\">Older").doesNotContain("Newer", " of ");

        String second = page("/posts?status=DRAFT&page=1");
        assertThat(titles(second)).containsExactlyElementsOf(expected(PAGE, 2 * PAGE));
        assertThat(second).contains("Page 2<", "page=0\">", "Newer", "status=DRAFT&amp;page=2\">Older");

        String last = page("/posts?status=DRAFT&page=2");
        assertThat(titles(last)).containsExactlyElementsOf(expected(2 * PAGE, 45));
        assertThat(last).contains("Page 3<", "Newer").doesNotContain("Older");
    }

    @Test
    void everyPostOfTheAuthorIsListedOnceAcrossThePages() throws Exception {
        List<String> seen = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            seen.addAll(titles(page("/posts?page=" + p)));
        }
        assertThat(seen).hasSize(48).doesNotHaveDuplicates();
        assertThat(titles(page("/posts?page=2"))).hasSize(8);
    }

    @Test
    void theStatusFilterListsOnlyThatStatusAndAShortListHasNoPager() throws Exception {
        String html = page("/posts?status=IN_REVIEW");
        assertThat(titles(html)).containsExactly(prefix + "review 0", prefix + "review 1", prefix + "review 2");
        assertThat(html).doesNotContain("aria-label=\"Pages\"");
    }

    @Test
    void aPagePastTheEndSaysSoAndLeadsBack() throws Exception {
        String html = page("/posts?status=DRAFT&page=40");
        assertThat(titles(html)).isEmpty();
        assertThat(html).contains("No more posts here.", "href=\"/posts?scope=mine&amp;status=DRAFT\"")
                .doesNotContain("No posts yet");
        assertThat(titles(page("/posts?page=" + Integer.MAX_VALUE))).as("an offset beyond an int is an empty page, not an error").isEmpty();
    }

    @Test
    void theApiStillCountsTheFilter() throws Exception {
        mvc.perform(get("/api/posts").param("author", author).param("status", "DRAFT").param("size", "5").with(asAuthor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(45))
                .andExpect(jsonPath("$.items.length()").value(5))
                .andExpect(jsonPath("$.items[0].title").value(drafts.get(0)[1]));
    }

    private String[] insert(String title, String status, Instant updatedAt) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into post (id, title, author, time_zone, status, created_at, updated_at) values (?, ?, ?, 'UTC', ?, ?, ?)",
                id, title, author, status, Timestamp.from(updatedAt), Timestamp.from(updatedAt));
        jdbc.update("insert into post_variant (post_id, channel_key, text, status) values (?, 'local', 'text', 'PENDING')", id);
        return new String[]{id, title, updatedAt.toString()};
    }

    private List<String> expected(int from, int to) {
        return drafts.subList(from, to).stream().map(d -> d[1]).toList();
    }

    private RequestPostProcessor asAuthor() {
        return user(author).authorities(new SimpleGrantedAuthority("GROUP_creators"));
    }

    private String page(String url) throws Exception {
        return mvc.perform(get(url).with(asAuthor())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The author's post titles in the order the page lists them. */
    private List<String> titles(String html) {
        Matcher m = Pattern.compile("<a href=\"/posts/[0-9a-f-]{36}\">(" + Pattern.quote(prefix) + "[^<]*)</a>").matcher(html);
        List<String> titles = new ArrayList<>();
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }
}
