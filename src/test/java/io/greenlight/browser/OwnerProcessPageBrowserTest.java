package io.greenlight.browser;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The process page draws the diagram with the committed bpmn-js in a real browser, counts on it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OwnerProcessPageBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    PostService posts;

    @Test
    void theDiagramIsDrawnWithTheNumberOfPostsWaitingAtEachStep() {
        CurrentUser creator = new CurrentUser("creator", Set.of("creators"));
        Post post = posts.create(creator, new PostCommand("Diagram count", null, null, "UTC",
                List.of(new VariantContent("local", "Counted on the diagram", null))));
        posts.submit(creator, post.getId());

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            try {
                browser.signIn("manager");

                browser.go("/processes/post-approval");
                // the top level: the collapsed Review carries the count of the posts waiting inside it
                browser.waitFor(By.cssSelector("#diagram svg g.djs-element[data-element-id='Activity_Review']"));
                browser.waitFor(By.cssSelector("#diagram .djs-overlays[data-container-id='Activity_Review'] .diagram-count"));
                assertThat(browser.driver.findElements(By.cssSelector("#diagram g.djs-element")).size()).isGreaterThan(20);
                assertThat(browser.driver.findElement(By.id("diagram")).getText()).doesNotContain("could not be shown");
            } catch (RuntimeException | AssertionError e) {
                browser.dump("owner-process-page");
                throw e;
            }
        }
    }
}
