package io.greenlight.browser;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.review.ReviewInbox;
import io.greenlight.security.CurrentUser;
import io.greenlight.testing.EngineUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks worked in the inbox (-Pbrowser): the late-approval decision, whose own form form-js renders with a date/time
 * picker (an incomplete reschedule shows the engine's refusal in the page; "publish now" completes the task), and a task
 * a process owner drew with a brand-new form, completed with no Java written for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TaskFormBrowserTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final CurrentUser REVIEWER = new CurrentUser("reviewer", Set.of("reviewers"));

    @LocalServerPort
    int port;

    @Autowired PostService posts;
    @Autowired PostRepository postRepository;
    @Autowired ReviewInbox inbox;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired org.camunda.bpm.engine.RepositoryService repository;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;

    @Test
    void aReviewerCompletesATaskWithANewlyDrawnFormInTheInbox() throws Exception {
        String key = "owner-drawn-" + UUID.randomUUID().toString().substring(0, 6);
        String formId = "equipment-check-" + UUID.randomUUID().toString().substring(0, 6);
        org.camunda.bpm.model.bpmn.BpmnModelInstance model = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key)
                .name("Equipment check").camundaHistoryTimeToLive(30)
                .startEvent().name("Check needed")
                .userTask("check").name("Check the equipment").camundaFormRef(formId).camundaFormRefBinding("deployment")
                .camundaCandidateGroups("reviewers")
                .endEvent().name("Checked").done();
        String form = """
                {"schemaVersion": 16, "id": "%s", "type": "default", "components": [
                  {"id": "Field_Intro", "type": "text", "text": "## Check {{item}}"},
                  {"id": "Field_Note", "key": "note", "type": "textfield", "label": "What did you find?", "validate": {"required": true}}
                ]}""".formatted(formId);
        String deployment = repository.createDeployment().name(key)
                .addModelInstance(key + ".bpmn", model).addString(formId + ".form", form).deploy().getId();
        try {
            String instance = runtime.startProcessInstanceByKey(key, java.util.Map.of("item", "the camera")).getId();
            Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
            try (Browser browser = Browser.open("http://localhost:" + port)) {
                try {
                    browser.signIn("reviewer");
                    browser.driver.manage().window().setSize(new Dimension(390, 900));
                    browser.go("/inbox");
                    browser.click(By.cssSelector("#task-" + task.getId() + " a[href='/inbox/tasks/" + task.getId() + "']"));
                    browser.waitFor(By.cssSelector("#task-form[data-ready='true']"));
                    assertThat(browser.waitFor(By.cssSelector(".fjs-form")).getText()).contains("Check the camera", "What did you find?");
                    browser.screenshot("task-form-new-390");
                    browser.waitFor(By.cssSelector(".fjs-form input[id$='Field_Note']")).sendKeys("Lens is clean");
                    browser.click(By.id("task-form-submit"));
                    browser.waitUntil(d -> d.getCurrentUrl().endsWith("/inbox"));
                    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
                } catch (Exception | AssertionError e) {
                    browser.dump("task-form-new");
                    throw e;
                }
            }
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void aManagerDecidesALateApprovalInTheInbox() throws Exception {
        Post post = posts.create(CREATOR, new PostCommand("Late in the browser " + UUID.randomUUID().toString().substring(0, 6),
                null, OffsetDateTime.now(ZoneOffset.UTC).minusHours(3), "UTC", List.of(new VariantContent("local", "Too late?", null))));
        posts.submit(CREATOR, post.getId());
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        EngineUser.as(identity, REVIEWER, () -> inbox.complete(REVIEWER, review.getId(), "approve", null));
        Task late = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            try {
                browser.signIn("manager");
                browser.go("/inbox");
                browser.click(By.cssSelector("#task-" + late.getId() + " a[href='/inbox/tasks/" + late.getId() + "']"));
                browser.waitFor(By.cssSelector("#task-form[data-ready='true']"));
                assertThat(browser.waitFor(By.cssSelector(".fjs-form")).getText())
                        .contains("What should happen?", "New publishing date (for reschedule)", "your time zone");
                assertThat(browser.driver.findElements(By.cssSelector(".fjs-form-field-datetime input"))).hasSizeGreaterThanOrEqualTo(2);
                browser.driver.manage().window().setSize(new Dimension(1440, 1000));
                browser.screenshot("task-form-late-1440");

                browser.click(By.cssSelector(".fjs-form input[type='radio'][id$='Field_LateDecision-1']"));
                browser.click(By.id("task-form-submit"));
                browser.waitUntil(d -> d.findElement(By.id("task-form-error")).isDisplayed());
                assertThat(browser.driver.findElement(By.id("task-form-error")).getText()).contains("Rescheduling needs 'newPublishAt'");
                assertThat(tasks.createTaskQuery().taskId(late.getId()).count()).isEqualTo(1);

                browser.click(By.cssSelector(".fjs-form input[type='radio'][id$='Field_LateDecision-0']"));
                browser.click(By.id("task-form-submit"));
                browser.waitUntil(d -> d.getCurrentUrl().endsWith("/inbox"));
                assertThat(tasks.createTaskQuery().taskId(late.getId()).count()).isZero();
                assertThat(postRepository.findById(post.getId()).orElseThrow().getStatus()).isIn(PostStatus.SCHEDULED, PostStatus.PUBLISHING, PostStatus.PUBLISHED);
            } catch (Exception | AssertionError e) {
                browser.dump("task-form-late");
                throw e;
            }
        }
    }
}
