package io.greenlight.browser;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.review.ReviewInbox;
import io.greenlight.security.CurrentUser;
import io.greenlight.testing.EngineUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A default install (-Pbrowser; greenlight.base-url left at http://localhost:8080) publishes no link that points at
 * localhost: a reader of the public feed finds the post's link as written, and a manager finds the channels page saying
 * why links are not tracked yet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "greenlight.base-url=http://localhost:8080")
@ActiveProfiles("test")
class PublicLinksBrowserTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final CurrentUser REVIEWER = new CurrentUser("reviewer", Set.of("reviewers"));

    @LocalServerPort
    int port;

    @Autowired PostService posts;
    @Autowired ReviewInbox inbox;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired ManagementService management;

    @Test
    void aDefaultInstallPublishesNoLocalhostLink() throws Exception {
        String title = "Links as written " + UUID.randomUUID().toString().substring(0, 6);
        Post post = posts.create(CREATOR, new PostCommand(title, null, null, "UTC",
                List.of(new VariantContent("local", "Our spring sale: https://example.com/spring-sale", null))));
        post = posts.submit(CREATOR, post.getId());
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        EngineUser.as(identity, REVIEWER, () -> inbox.complete(REVIEWER, review.getId(), "approve", null));
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(post.getProcessInstanceId()).executable().list();
            if (due.isEmpty()) {
                break;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            try {
                browser.go("/feed");
                WebElement entry = browser.waitFor(By.xpath("//*[contains(., '" + title + "')]"));
                assertThat(entry).isNotNull();
                assertThat(browser.driver.getPageSource()).contains("https://example.com/spring-sale")
                        .doesNotContain("localhost:8080/r/").doesNotContain("http://localhost:8080/feed");

                browser.signIn("manager");
                browser.go("/channels");
                assertThat(browser.waitFor(By.id("public-address-warning")).getText())
                        .contains("Links in published posts stay as written", "http://localhost:8080");
            } catch (Exception | AssertionError e) {
                browser.dump("public-links");
                throw e;
            }
        }
    }
}
