package io.greenlight.review;

import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVersion;
import org.apache.commons.codec.digest.DigestUtils;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
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

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Media everywhere after the composer: in the version record (and its hash, unchanged for posts without media), in the
 * review form Tasklist shows ({@code mediaPreview}) and on the public feed once published.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReviewMediaTest {

    @Autowired MockMvc mvc;
    @Autowired PostRepository posts;
    @Autowired PostService postService;
    @Autowired TaskService tasks;
    @Autowired FormService forms;
    @Autowired ManagementService management;

    @Test
    void aPostWithoutMediaKeepsItsVersionContentAndHash() throws Exception {
        MockHttpSession creator = login("creator");
        Post post = compose(creator, unique("Plain"), "Just words", null);
        PostVersion version = postService.versions(post.getId()).get(0);
        Post reloaded = posts.findById(post.getId()).orElseThrow();
        assertThat(version.getContent()).isEqualTo(reloaded.renderContent()).doesNotContain("Media [");
        assertThat(version.getContentHash()).isEqualTo(DigestUtils.sha256Hex(reloaded.getTitle() + "\n" + reloaded.renderContent()));
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        assertThat(tasks.getVariableLocal(review.getId(), ReviewMediaPreview.VARIABLE)).isEqualTo("*No images or video attached.*");
    }

    @Test
    void mediaAreInTheVersionTheTasklistFormAndThePublicFeed() throws Exception {
        MockHttpSession creator = login("creator");
        String alt = "A red tent " + UUID.randomUUID().toString().substring(0, 6);
        Long asset = upload(creator, alt);
        Post post = compose(creator, unique("Camping"), "Camping season", asset);

        PostVersion version = postService.versions(post.getId()).get(0);
        Post reloaded = posts.findById(post.getId()).orElseThrow();
        assertThat(version.getContent()).isEqualTo(reloaded.renderContent() + "\n\nMedia [local]: asset " + asset);
        assertThat(version.getContentHash()).isEqualTo(DigestUtils.sha256Hex(reloaded.getTitle() + "\n" + version.getContent()))
                .isNotEqualTo(DigestUtils.sha256Hex(reloaded.getTitle() + "\n" + reloaded.renderContent()));

        // Tasklist's review form renders the task variable mediaPreview (Markdown with the image Greenlight serves)
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        assertThat((String) tasks.getVariableLocal(review.getId(), ReviewMediaPreview.VARIABLE))
                .contains("![" + alt + "](/assets/" + asset + "/file)", "**local** (1 file)");
        try (InputStream form = forms.getDeployedTaskForm(review.getId())) {
            assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains("{{mediaPreview}}");
        }
        mvc.perform(get("/assets/" + asset + "/file")).andExpect(r -> assertThat(r.getResponse().getStatus()).as("signed-in users only").isIn(302, 401));

        // not public before it is published
        String publicUrl = "/feed/media/" + post.getId() + "/local/" + asset;
        mvc.perform(get(publicUrl)).andExpect(status().isNotFound());

        mvc.perform(post("/review/" + review.getId() + "/decide").session(login("reviewer")).with(csrf())
                .param("decision", "approve")).andExpect(status().is3xxRedirection());
        runDueJobs(reloaded.getProcessInstanceId());
        assertThat(posts.findById(post.getId()).orElseThrow().getStatus()).isEqualTo(PostStatus.PUBLISHED);

        String feed = mvc.perform(get("/feed")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(feed).contains("src=\"" + publicUrl + "\"", "alt=\"" + alt + "\"");
        mvc.perform(get(publicUrl)).andExpect(status().isOk()).andExpect(header().string("Content-Type", "image/png"));
        mvc.perform(get("/feed/media/" + post.getId() + "/local/" + (asset + 100000))).andExpect(status().isNotFound());
    }

    private void runDueJobs(String instanceId) {
        for (int round = 0; round < 20; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instanceId).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private Post compose(MockHttpSession session, String title, String text, Long assetId) throws Exception {
        var request = post("/posts").session(session).with(csrf()).param("then", "submit")
                .param("title", title).param("timeZone", "UTC")
                .param("variants[0].channel", "local").param("variants[0].enabled", "true").param("variants[0].text", text);
        if (assetId != null) {
            request.param("variants[0].assetIds", assetId.toString());
        }
        MvcResult created = mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
        return posts.findById(created.getResponse().getRedirectedUrl().substring("/posts/".length())).orElseThrow();
    }

    private Long upload(MockHttpSession session, String alt) throws Exception {
        MvcResult result = mvc.perform(multipart("/assets").file(new MockMultipartFile("file", "tent.png", "image/png",
                        ReviewScreenTest.png())).param("altText", alt).session(session).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        return Long.valueOf(result.getResponse().getRedirectedUrl().substring("/assets/".length()));
    }

    private MockHttpSession login(String user) throws Exception {
        MvcResult result = mvc.perform(formLogin().user(user).password(user)).andExpect(authenticated().withUsername(user)).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
