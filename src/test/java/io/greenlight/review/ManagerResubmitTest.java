package io.greenlight.review;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "The author (or a manager)" resubmits: a manager can complete the author's revise task, nobody else can. */
@SpringBootTest
@ActiveProfiles("test")
class ManagerResubmitTest {

    @Autowired PostService posts;
    @Autowired ReviewInbox inbox;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;

    final CurrentUser creator = new CurrentUser("creator", Set.of("creators"));
    final CurrentUser reviewer = new CurrentUser("reviewer", Set.of("reviewers"));
    final CurrentUser manager = new CurrentUser("manager", Set.of("managers", "reviewers"));
    final CurrentUser creator2 = new CurrentUser("creator2", Set.of("creators"));

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    @Test
    void managerResubmitsForTheAuthorButAnotherCreatorCannot() {
        Post post = posts.create(creator, new PostCommand("Needs a manager", null, null, null,
                List.of(new VariantContent("local", "First text", null))));
        posts.submit(creator, post.getId());
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        as(reviewer);
        inbox.complete(reviewer, review.getId(), "changes", "Shorter, please");
        identity.clearAuthentication();
        Task revise = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        assertThat(revise.getTaskDefinitionKey()).isEqualTo("revise");

        as(creator2);
        assertThatThrownBy(() -> inbox.complete(creator2, revise.getId(), null, null))
                .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(AuthorizationException.class),
                        e -> assertThat(e).hasMessageContaining("no open task"));
        identity.clearAuthentication();
        assertThat(tasks.createTaskQuery().taskId(revise.getId()).count()).isEqualTo(1);

        as(manager);
        inbox.complete(manager, revise.getId(), null, null);
        identity.clearAuthentication();
        assertThat(posts.get(post.getId()).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult().getTaskDefinitionKey())
                .isEqualTo("review");
    }

    private void as(CurrentUser user) {
        identity.setAuthentication(user.id(), List.copyOf(user.groups()));
    }
}
