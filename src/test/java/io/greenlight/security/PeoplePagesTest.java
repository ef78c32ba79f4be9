package io.greenlight.security;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** pages: settings (notifications, time zone, absence), the discussion on the post page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PeoplePagesTest {

    @LocalServerPort int port;
    @Autowired PostService posts;

    @Test
    void settingsShowTheMatrixAndSaveTheTimeZoneAndAnAbsence() {
        LoopbackClient creator = LoopbackClient.signedIn(port, "creator");
        LoopbackClient.Response page = creator.get("/settings", Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Notifications", "Reminder", "value=\"reminder/email\"", "Away? Name your backup",
                "creator@greenlight.local");

        Map<String, String> form = PermissionMatrixTest.defaultPreferences();
        form.put("timeZone", "Europe/Lisbon");
        LoopbackClient.Response saved = creator.postForm("/settings/preferences", form);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(creator.get("/settings", Map.of()).body()).contains("<option value=\"Europe/Lisbon\" selected=\"selected\">");
        form.put("timeZone", "UTC");
        creator.postForm("/settings/preferences", form);

        LoopbackClient.Response bad = creator.postForm("/settings/absence", Map.of("backup", "creator",
                "from", "2041-01-01T09:00", "to", "2041-01-02T09:00"));
        assertThat(bad.status()).isIn(302, 400);
        LoopbackClient.Response ok = creator.postForm("/settings/absence", Map.of("backup", "creator2",
                "from", "2041-01-01T09:00", "to", "2041-01-02T09:00", "note", "Conference"));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(creator.get("/settings", Map.of()).body()).contains("Your absences", "creator2", "(Conference)");
    }

    @Test
    void thePostPageShowsTheDiscussionAndTakesComments() {
        CurrentUser author = new CurrentUser("creator", Set.of(Groups.CREATORS));
        Post post = posts.create(author, new PostCommand("Discussion page " + System.nanoTime(), null, null, "UTC",
                List.of(new VariantContent("local", "Hello", null))));
        LoopbackClient reviewer = LoopbackClient.signedIn(port, "reviewer");
        LoopbackClient.Response posted = reviewer.postForm("/posts/" + post.getId() + "/comments",
                Map.of("body", "Could we say <b>tomorrow</b>, @creator?"));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.header("Location")).endsWith("/posts/" + post.getId() + "#comments");
        String page = reviewer.get("/posts/" + post.getId(), Map.of()).body();
        assertThat(page).contains("Discussion", "Could we say &lt;b&gt;tomorrow&lt;/b&gt;, @creator?", "Reply");
        assertThat(reviewer.postForm("/posts/" + post.getId() + "/comments", Map.of("body", " ")).status()).isIn(302, 400);
    }
}
