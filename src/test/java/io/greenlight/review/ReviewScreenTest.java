package io.greenlight.review;

import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostStatus;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The review screen through the pages a reviewer uses: the post as it goes out (text, image with alt text, count against
 * the limit), deciding from the screen (the claim is implicit), refusals as form errors that change nothing, the
 * author's read-only view and the queue's next/previous.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReviewScreenTest {

    static final CurrentUser REVIEWER = new CurrentUser("reviewer", Set.of("reviewers"));

    @Autowired MockMvc mvc;
    @Autowired PostRepository posts;
    @Autowired TaskService tasks;
    @Autowired ReviewScreen screens;
    @Autowired ReviewInbox inbox;

    @Test
    void aReviewerSeesThePostAsItGoesOutWithItsImageAndApprovesFromTheScreen() throws Exception {
        MockHttpSession creator = login("creator");
        Long image = upload(creator, "bike.png", "A green bike by the lake");
        Post post = submitWithMedia(creator, unique("Bike week"), "Ride with us https://example.com/bikes", image);
        Task review = reviewOf(post);

        MockHttpSession reviewer = login("reviewer");
        String inbox = page("/inbox", reviewer);
        assertThat(inbox).contains("/review/" + review.getId());
        String screen = page("/review/" + review.getId(), reviewer);
        assertThat(screen).contains(post.getTitle(), "Ride with us https://example.com/bikes",
                "src=\"/assets/" + image + "/file\"", "alt=\"A green bike by the lake\"", "Alt text: A green bike by the lake",
                "href=\"https://example.com/bikes\"", "Send decision", "Sending the decision claims the review for you");
        assertThat(screen).as("links go out as Greenlight's click-counting short links").contains("/r/…", "count clicks");
        assertThat(java.util.regex.Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\sstyle=\"|\\son[a-z]+=\"").matcher(screen).find())
                .as("nothing the pages' content security policy forbids").isFalse();
        int length = "Ride with us https://example.com/bikes".length();
        assertThat(screen).containsPattern(length + " / [\\d,]+ ");
        mvc.perform(get("/assets/" + image + "/file").session(reviewer)).andExpect(status().isOk());
        // the post page leads to the same screen while the review is open
        assertThat(page("/posts/" + post.getId(), reviewer)).contains("/review/post/" + post.getId());
        mvc.perform(get("/review/post/" + post.getId()).session(reviewer))
                .andExpect(status().is3xxRedirection())
                .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/review/" + review.getId()));

        assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isNull();
        mvc.perform(post("/review/" + review.getId() + "/decide").session(reviewer).with(csrf())
                        .param("decision", "approve").param("comment", "Lovely"))
                .andExpect(status().is3xxRedirection());
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).isZero();
        assertThat(posts.findById(post.getId()).orElseThrow().getStatus())
                .isIn(PostStatus.SCHEDULED, PostStatus.PUBLISHING, PostStatus.PUBLISHED);
    }

    @Test
    void aMissingCommentIsAFormErrorAndNothingChangesThenChangesAndRejectGoThrough() throws Exception {
        MockHttpSession creator = login("creator");
        Post first = submit(creator, unique("Needs words"), "Some text");
        Task review = reviewOf(first);
        MockHttpSession reviewer = login("reviewer");

        MvcResult refused = mvc.perform(post("/review/" + review.getId() + "/decide").session(reviewer).with(csrf())
                        .param("decision", "changes").param("comment", " "))
                .andExpect(status().isBadRequest()).andReturn();
        String body = refused.getResponse().getContentAsString();
        assertThat(body).contains("A comment is required when you request changes", "Send decision")
                .doesNotContain("Exception", "at io.greenlight");
        Task still = tasks.createTaskQuery().taskId(review.getId()).singleResult();
        assertThat(still).as("the task is still open").isNotNull();
        assertThat(still.getAssignee()).as("the implicit claim rolled back").isNull();
        assertThat(posts.findById(first.getId()).orElseThrow().getStatus()).isEqualTo(PostStatus.IN_REVIEW);

        mvc.perform(post("/review/" + review.getId() + "/decide").session(reviewer).with(csrf())
                        .param("decision", "changes").param("comment", "Say more about the route"))
                .andExpect(status().is3xxRedirection());
        assertThat(posts.findById(first.getId()).orElseThrow().getStatus()).isEqualTo(PostStatus.CHANGES_REQUESTED);

        Post second = submit(creator, unique("Off brand"), "Buy now!!!");
        Task other = reviewOf(second);
        mvc.perform(post("/review/" + other.getId() + "/decide").session(reviewer).with(csrf())
                        .param("decision", "reject").param("comment", "Off brand"))
                .andExpect(status().is3xxRedirection());
        assertThat(posts.findById(second.getId()).orElseThrow().getStatus()).isEqualTo(PostStatus.REJECTED);
    }

    @Test
    void theAuthorSeesTheScreenReadOnlyAndCannotDecide() throws Exception {
        MockHttpSession manager = login("manager");
        Post post = submit(manager, unique("Manager's own"), "Written by a manager who also reviews");
        Task review = reviewOf(post);

        String screen = page("/review/" + review.getId(), manager);
        assertThat(screen).contains("Four-eyes rule: you wrote this post", "Written by a manager who also reviews")
                .doesNotContain("Send decision");
        mvc.perform(post("/review/" + review.getId() + "/decide").session(manager).with(csrf())
                        .param("decision", "approve"))
                .andExpect(status().isForbidden())
                .andExpect(r -> assertThat(r.getResponse().getContentAsString()).contains("Four-eyes"));
        assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isNull();
    }

    @Test
    void nextAndPreviousWalkTheReviewersQueue() throws Exception {
        MockHttpSession creator = login("creator");
        submit(creator, unique("Queue one"), "One");
        submit(creator, unique("Queue two"), "Two");
        submit(creator, unique("Queue three"), "Three");
        MockHttpSession reviewer = login("reviewer");
        List<String> queue = screens.queue(REVIEWER);
        assertThat(queue.size()).isGreaterThanOrEqualTo(3);
        // the queue is the inbox's review tasks in the inbox's order, not its other tasks (a task made in Tasklist)
        Task standalone = tasks.newTask();
        standalone.setName(unique("Not a review"));
        standalone.setAssignee(REVIEWER.id());
        tasks.saveTask(standalone);
        try {
            List<ReviewInbox.TaskView> all = inbox.of(REVIEWER, 0, ReviewQueue.MAX).tasks();
            assertThat(all).extracting(ReviewInbox.TaskView::id).contains(standalone.getId());
            assertThat(screens.queue(REVIEWER)).containsExactlyElementsOf(all.stream()
                    .filter(t -> "review-post".equals(t.form())).map(ReviewInbox.TaskView::id).toList())
                    .doesNotContain(standalone.getId()).isNotEmpty();
        } finally {
            tasks.deleteTask(standalone.getId(), true);
        }
        int middle = queue.size() / 2;
        String screen = page("/review/" + queue.get(middle), reviewer);
        assertThat(screen).contains("Review " + (middle + 1) + " of " + queue.size(),
                "href=\"/review/" + queue.get(middle - 1) + "\"", "href=\"/review/" + queue.get(middle + 1) + "\"");
        assertThat(page("/review/" + queue.get(0), reviewer)).doesNotContain("rel=\"prev\"");
        assertThat(page("/review/" + queue.get(queue.size() - 1), reviewer)).doesNotContain("rel=\"next\"");
    }

    // ---------------------------------------------------------------- helpers

    private Post submit(MockHttpSession session, String title, String text) throws Exception {
        MvcResult created = mvc.perform(post("/posts").session(session).with(csrf()).param("then", "submit")
                        .param("title", title).param("timeZone", "UTC")
                        .param("variants[0].channel", "local").param("variants[0].enabled", "true")
                        .param("variants[0].text", text))
                .andExpect(status().is3xxRedirection()).andReturn();
        return posts.findById(created.getResponse().getRedirectedUrl().substring("/posts/".length())).orElseThrow();
    }

    private Post submitWithMedia(MockHttpSession session, String title, String text, Long assetId) throws Exception {
        MvcResult created = mvc.perform(post("/posts").session(session).with(csrf()).param("then", "submit")
                        .param("title", title).param("timeZone", "UTC")
                        .param("variants[0].channel", "local").param("variants[0].enabled", "true")
                        .param("variants[0].text", text).param("variants[0].assetIds", assetId.toString()))
                .andExpect(status().is3xxRedirection()).andReturn();
        return posts.findById(created.getResponse().getRedirectedUrl().substring("/posts/".length())).orElseThrow();
    }

    private Task reviewOf(Post post) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        assertThat(task).as("an open review of " + post.getTitle()).isNotNull();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("review");
        return task;
    }

    private Long upload(MockHttpSession session, String name, String alt) throws Exception {
        MvcResult result = mvc.perform(multipart("/assets").file(new MockMultipartFile("file", name, "image/png", png()))
                        .param("altText", alt).session(session).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        return Long.valueOf(result.getResponse().getRedirectedUrl().substring("/assets/".length()));
    }

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        int seed = UUID.randomUUID().hashCode();
        for (int x = 0; x < 6; x++) {
            for (int y = 0; y < 4; y++) {
                image.setRGB(x, y, (seed + x * 31 + y * 17) & 0xffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private MockHttpSession login(String user) throws Exception {
        MvcResult result = mvc.perform(formLogin().user(user).password(user)).andExpect(authenticated().withUsername(user)).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private String page(String url, MockHttpSession session) throws Exception {
        return mvc.perform(get(url).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
