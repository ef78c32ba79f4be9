package io.greenlight.web;

import io.greenlight.security.LoopbackClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused form shows each problem next to its field, in plain words, and the list at the top names fields as people do. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FieldErrorsTest {

    @LocalServerPort int port;

    @Test
    void problemsAreWordedForPeopleAndPickedPerField() {
        assertThat(new Formats(null).fieldError(java.util.List.of("title: a title is required.", "timeZone: unknown."), "title"))
                .isEqualTo("A title is required.");
        assertThat(new Formats(null).plainError("scheduledAt: the date is out of range."))
                .isEqualTo("Scheduled at: the date is out of range.");
    }

    @Test
    void aRefusedPostFormShowsTheProblemNextToTheField() {
        LoopbackClient creator = LoopbackClient.signedIn(port, "creator");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("returnTo", "/posts/new");
        form.put("title", "");
        form.put("timeZone", "Mars/Olympus");
        form.put("variants[0].channel", "local");
        form.put("variants[0].enabled", "true");
        form.put("variants[0].text", "Hello");
        LoopbackClient.Response refused = creator.postForm("/posts", form);
        assertThat(refused.status()).as("the form comes back with its problems").isEqualTo(400);

        String page = refused.body();
        assertThat(page).contains("id=\"title-error\"", "A title is required.", "id=\"timeZone-error\"")
                .contains("Time zone: &#39;Mars/Olympus&#39; is not an IANA time zone");
        int title = page.indexOf("name=\"title\"");
        int error = page.indexOf("id=\"title-error\"");
        assertThat(error).as("the title's problem follows the title field").isGreaterThan(title);
        assertThat(error - title).isLessThan(400);
    }
}
