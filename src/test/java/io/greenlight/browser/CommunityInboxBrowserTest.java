package io.greenlight.browser;

import io.greenlight.conversation.ConversationViews;
import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import io.greenlight.testing.EngineUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The community inbox in a real browser (-Pbrowser): a visitor comments on a post of the public local feed; a
 * community manager finds it in the inbox (at 1440 px and at 390 px), opens the thread with our post, claims it,
 * writes the reply (the live count answers) and sends it; the visitor sees the reply under the comment on the feed.
 * Screenshots of both widths land in the build dir's browser/ folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CommunityInboxBrowserTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));

    @LocalServerPort
    int port;

    @Autowired PostService posts;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    @Autowired ConversationViews views;

    @Test
    void aFeedCommentIsAnsweredFromTheInboxAtBothWidths() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String postText = "Our spring sale starts today " + suffix;
        String comment = "Does the sale include shoes? " + suffix;
        String reply = "Yes, shoes are 20% off too! " + suffix;
        publish(postText);
        EngineUser.ensure(identity, "cody", "community");

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            browser.step("community-comment", () -> {
                browser.go("/feed");
                browser.waitFor(By.xpath("//*[contains(text(), '" + postText + "')]"));
                String form = "//article[.//*[contains(text(), '" + postText + "')]]//details[contains(@class,'feed-comment-form')]";
                browser.driver.findElement(By.xpath(form + "/summary")).click();
                browser.waitFor(By.xpath(form + "//input[@name='name']")).sendKeys("Jonas");
                browser.driver.findElement(By.xpath(form + "//textarea[@name='text']")).sendKeys(comment);
                browser.driver.findElement(By.xpath(form + "//button[@type='submit']")).click();
                browser.waitFor(By.cssSelector(".alert-success"));
            });
            browser.step("community-inbox", () -> {
                browser.signIn("cody");
                for (int width : new int[]{1440, 390}) {
                    browser.driver.manage().window().setSize(new Dimension(width, 1100));
                    browser.go("/community");
                    browser.waitFor(By.xpath("//a[contains(@class,'conversation-link')][contains(., '" + comment + "')]"));
                    assertNoHorizontalScroll(browser);
                    browser.screenshot("community-list-" + width);
                }
                browser.click(By.xpath("//a[contains(@class,'conversation-link')][contains(., '" + comment + "')]"));
                browser.waitFor(By.xpath("//*[contains(@class,'original-post')]//*[contains(text(), '" + postText + "')]"));
                browser.click(By.id("claim"));
                browser.waitFor(By.cssSelector(".alert-success"));
                browser.waitFor(By.id("reply-text")).sendKeys(reply);
                String used = String.valueOf(reply.length());
                browser.waitUntil(d -> d.findElement(By.id("reply-count")).getText().startsWith(used + " / "));
                browser.screenshot("community-thread-390");
                assertNoHorizontalScroll(browser);
                browser.driver.manage().window().setSize(new Dimension(1440, 1100));
                browser.screenshot("community-thread-1440");
                browser.click(By.id("send-reply"));
                browser.waitFor(By.cssSelector(".alert-success"));
                runConversationJobs();
                browser.go(browser.driver.getCurrentUrl().replaceAll("^https?://[^/]+", ""));
                browser.waitFor(By.xpath("//li[contains(@class,'ours')]//*[contains(text(), '" + reply + "')]"));
                ReviewScreenBrowserTest.signOut(browser);
            });
            browser.step("community-feed-reply", () -> {
                browser.go("/feed");
                browser.waitFor(By.xpath("//*[contains(@class,'feed-reply')]//*[contains(text(), '" + reply + "')]"));
            });
        }
    }

    private void publish(String text) {
        Post post = posts.create(CREATOR, new PostCommand("Spring sale " + UUID.randomUUID(), null, null, "UTC",
                List.of(new VariantContent("local", text, null))));
        String instance = posts.submit(CREATOR, post.getId()).getProcessInstanceId();
        Task review = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("review").singleResult();
        identity.setAuthentication("reviewer", List.of("reviewers"));
        try {
            tasks.claim(review.getId(), "reviewer");
            tasks.complete(review.getId(), Map.of("decision", "approve"));
        } finally {
            identity.clearAuthentication();
        }
        runJobs(instance);
    }

    private void runConversationJobs() {
        runtime.createProcessInstanceQuery().processDefinitionKey("conversation").active().list()
                .forEach(pi -> runJobs(pi.getId()));
    }

    private void runJobs(String instance) {
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(j -> management.executeJob(j.getId()));
        }
    }

    private static void assertNoHorizontalScroll(Browser browser) {
        Object overflow = ((JavascriptExecutor) browser.driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling").isLessThanOrEqualTo(1);
    }
}
