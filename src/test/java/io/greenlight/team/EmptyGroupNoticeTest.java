package io.greenlight.team;

import io.greenlight.notify.Notification;
import io.greenlight.notify.NotificationRepository;
import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.security.LoopbackClient;
import io.greenlight.testing.EngineUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.ActiveProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A post routed to a review stage whose group has no active member ({@code legal} after "paid promotion") tells the
 * managers at once and says so on the post; once someone is added on the People page, the next such task does not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EmptyGroupNoticeTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of(Groups.CREATORS));
    static final CurrentUser REVIEWER = new CurrentUser("reviewer", Set.of(Groups.REVIEWERS));

    @LocalServerPort int port;
    @Autowired PostService posts;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired NotificationRepository notifications;

    /** Other tests put people in legal; this one needs it empty, and gives them back afterwards. */
    private final List<String> legalMembers = new ArrayList<>();

    @BeforeEach
    void emptyLegal() {
        identity.clearAuthentication();
        identity.createUserQuery().memberOfGroup("legal").list().stream().map(User::getId).forEach(legalMembers::add);
        legalMembers.forEach(u -> identity.deleteMembership(u, "legal"));
    }

    @AfterEach
    void restoreLegal() {
        identity.clearAuthentication();
        for (String u : legalMembers) {
            if (identity.createUserQuery().memberOfGroup("legal").userId(u).count() == 0) {
                identity.createMembership(u, "legal");
            }
        }
    }

    private Post promotionPastFirstReview(String title) {
        Post post = posts.create(CREATOR, new PostCommand(title, null, null, "UTC",
                List.of(new VariantContent("local", "Spring offer: 20% off", null)), null, null, true, false, false));
        Post submitted = posts.submit(CREATOR, post.getId());
        Task review = tasks.createTaskQuery().processInstanceId(submitted.getProcessInstanceId()).taskDefinitionKey("review")
                .singleResult();
        EngineUser.as(identity, REVIEWER, () -> {
            tasks.claim(review.getId(), REVIEWER.id());
            tasks.complete(review.getId(), Map.of("decision", "approve"));
        });
        Task legal = tasks.createTaskQuery().processInstanceId(submitted.getProcessInstanceId()).taskCandidateGroup("legal")
                .singleResult();
        assertThat(legal).as("the legal stage is open").isNotNull();
        return post;
    }

    private List<String> noticesOf(String user, String postId) {
        return notifications.findByRecipientOrderByCreatedAtDesc(user, PageRequest.of(0, 50)).stream()
                .filter(n -> postId.equals(n.getPostId())).map(Notification::getMessage).toList();
    }

    @Test
    void aTaskForAnEmptyGroupTellsTheManagersAtOnceAndShowsOnThePost() {
        String title = "Empty legal " + System.nanoTime();
        Post post = promotionPastFirstReview(title);

        String expected = "\"Review stage: legal\" is waiting for legal, which has no members — add someone on the People page.";
        for (String manager : List.of("manager", "admin")) {
            assertThat(noticesOf(manager, post.getId())).as("notice to %s", manager).contains("\"" + title + "\": " + expected);
        }
        assertThat(noticesOf("creator", post.getId())).noneMatch(m -> m.contains("no members"));

        LoopbackClient manager = LoopbackClient.signedIn(port, "manager");
        String page = manager.get("/posts/" + post.getId(), Map.of()).body();
        assertThat(page).contains("is waiting for legal, which has no members — add someone on the People page.");

        // the fix, on the People page: someone joins legal; the next promotion's legal stage has a candidate
        assertThat(manager.postForm("/admin/groups/legal/members", Map.of("userId", "creator2")).status()).isEqualTo(302);
        legalMembers.add("creator2");
        try {
            Post next = promotionPastFirstReview("Staffed legal " + System.nanoTime());
            assertThat(noticesOf("manager", next.getId())).noneMatch(m -> m.contains("no members"));
        } finally {
            identity.deleteMembership("creator2", "legal");
            legalMembers.remove("creator2");
        }
    }
}
