package io.greenlight.post;

import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.security.LoopbackClient;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The author's edit form pins the reviewer's change request above it and carries the review lead time for its check. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuthorHintsPageTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of(Groups.CREATORS));

    @LocalServerPort int port;
    @Autowired PostService posts;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;

    @Test
    void theChangeRequestIsPinnedAboveTheEditForm() {
        Post post = posts.create(CREATOR, new PostCommand("Pinned feedback " + System.nanoTime(), null, null, "UTC",
                List.of(new VariantContent("local", "Best prices in town", null))));
        LoopbackClient creator = LoopbackClient.signedIn(port, "creator");
        String before = creator.get("/posts/" + post.getId() + "/edit", Map.of()).body();
        assertThat(before).doesNotContain("id=\"change-request\"").contains("data-lead-minutes=\"120\"", "data-lead-text=\"2 h\"",
                "class=\"timing-hint small\"");

        Post submitted = posts.submit(CREATOR, post.getId());
        Task review = tasks.createTaskQuery().processInstanceId(submitted.getProcessInstanceId()).taskDefinitionKey("review")
                .singleResult();
        identity.setAuthentication("reviewer", List.of(Groups.REVIEWERS));
        try {
            tasks.claim(review.getId(), "reviewer");
            tasks.complete(review.getId(), Map.of("decision", "changes", "comment", "Drop 'best prices': we cannot prove it."));
        } finally {
            identity.clearAuthentication();
        }
        String page = creator.get("/posts/" + post.getId() + "/edit", Map.of()).body();
        int pinned = page.indexOf("id=\"change-request\"");
        assertThat(pinned).as("the change request is on the page").isPositive();
        assertThat(pinned).as("above the form").isLessThan(page.indexOf("id=\"composer\""));
        assertThat(page.substring(pinned, page.indexOf("</div>", pinned)))
                .contains("Changes requested", "by <span>reviewer</span>", "Drop &#39;best prices&#39;: we cannot prove it.");
    }
}
