package io.greenlight.browser;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.TaskService;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer's half of the loop in the real Camunda Tasklist: sign in with the Greenlight password, find the
 * post in the shared "My group's tasks" filter, claim it, read the channel text in the Camunda Form and request
 * changes with a comment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TasklistBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    PostService posts;

    @Autowired
    TaskService tasks;

    @Test
    void reviewerRequestsChangesInTasklist() {
        CurrentUser creator = new CurrentUser("creator", Set.of("creators"));
        String text = "Tasklist shows this text " + System.nanoTime();
        Post post = posts.create(creator, new PostCommand("Browser review", null, null, "Europe/Berlin",
                List.of(new VariantContent("local", text, null))));
        posts.submit(creator, post.getId());
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("review");

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            try {
                browser.go("/camunda/app/tasklist/default/");
                browser.signInToCamunda("reviewer", "reviewer");

                browser.waitClickable(By.xpath("//a[contains(normalize-space(.),\"My group's tasks\")]")).click();
                // the shared filter lists the post, with its title from the filter's variables
                By listed = By.xpath("//ol[contains(@class,'tasks-list')]/li[.//*[contains(normalize-space(.),'Browser review')]]");
                browser.waitClickable(listed).click();
                browser.waitClickable(By.xpath("//button[normalize-space(.)='Claim'] | //a[normalize-space(.)='Claim']")).click();
                browser.waitUntil(d -> "reviewer".equals(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()));

                // claimed tasks move to "My tasks"; open it there
                browser.waitClickable(By.xpath("//a[contains(normalize-space(.),'My tasks')]")).click();
                browser.waitClickable(listed).click();
                WebElement content = browser.waitFor(By.cssSelector(".fjs-form textarea"));
                browser.waitUntil(d -> content.getAttribute("value") != null && content.getAttribute("value").contains(text));

                browser.click(By.xpath("//label[.//*[normalize-space(.)='Request changes'] or normalize-space(.)='Request changes']"));
                List<WebElement> areas = browser.driver.findElements(By.cssSelector(".fjs-form textarea"));
                areas.get(areas.size() - 1).sendKeys("Please add a link to the campaign page.");
                browser.click(By.cssSelector("button[ng-click='complete()']"));

                browser.waitUntil(d -> tasks.createTaskQuery().taskId(task.getId()).count() == 0);
            } catch (RuntimeException | AssertionError e) {
                browser.dump("tasklist-review");
                throw e;
            }
        }

        assertThat(posts.get(post.getId()).getStatus()).isEqualTo(PostStatus.CHANGES_REQUESTED);
        Task revise = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        assertThat(revise.getTaskDefinitionKey()).isEqualTo("revise");
        assertThat(revise.getAssignee()).isEqualTo("creator");
        assertThat(tasks.getProcessInstanceComments(revise.getProcessInstanceId()))
                .anySatisfy(c -> {
                    assertThat(c.getFullMessage()).contains("Please add a link to the campaign page.");
                    assertThat(c.getUserId()).isEqualTo("reviewer");
                });
    }
}
