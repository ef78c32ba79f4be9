package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The process page — diagram from the committed bpmn-js, counts, versions, dry-run, migrate action. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class OwnerProcessPageTest {

    static final String DEPLOYMENT = "owner-page-test";

    @Autowired MockMvc mvc;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired PostService postService;

    @AfterEach
    void cleanUp() {
        for (Deployment d : repositoryService.createDeploymentQuery().deploymentName(DEPLOYMENT).list()) {
            repositoryService.deleteDeployment(d.getId(), true);
        }
    }

    private MockHttpSession login(String user) throws Exception {
        MvcResult result = mvc.perform(formLogin().user(user).password(user)).andExpect(authenticated().withUsername(user)).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private String page(String path, MockHttpSession session) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void managersSeeTheDiagramCountsVersionsAndDecisionTablesOthersDoNot() throws Exception {
        MockHttpSession manager = login("manager");
        String html = page("/processes/post-approval", manager);
        assertThat(html).contains("/vendor/bpmn-js-17.11.1/bpmn-navigated-viewer.production.min.js")
                .contains("id=\"step-counts\"").contains("id=\"versions\"").contains("open in Cockpit")
                .doesNotContain("src=\"http").doesNotContain("href=\"http");
        assertThat(page("/processes/post-approval/diagram", manager)).contains("id=\"post-approval\"").contains("review-stage");
        assertThat(page("/vendor/bpmn-js-17.11.1/bpmn-navigated-viewer.production.min.js", manager)).isNotBlank();
        assertThat(page("/processes", manager)).contains("approval-routing").contains("&quot;legal&quot;").contains("COLLECT");

        mvc.perform(get("/processes/post-approval").session(login("creator"))).andExpect(status().isForbidden());
        mvc.perform(get("/processes/no-such-process").session(manager)).andExpect(status().isNotFound());
        mvc.perform(post("/processes/post-approval/migrate").session(manager).with(csrf()).param("from", "999999"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void inFlightPostsMigrateFromThePageAfterADryRun() throws Exception {
        CurrentUser creator = new CurrentUser("creator", Set.of("creators"));
        Post post = postService.create(creator, new PostCommand("Page migration " + System.nanoTime(), null, null, "UTC",
                List.of(new VariantContent("local", "Hello", null))));
        post = postService.submit(creator, post.getId());
        String instanceId = post.getProcessInstanceId();
        String oldDefinition = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult().getProcessDefinitionId();
        int oldVersion = repositoryService.getProcessDefinition(oldDefinition).getVersion();

        String changed = Files.readString(Path.of("processes/post-approval.bpmn")).replace("name=\"Review post\"", "name=\"Review the post\"");
        Deployment d = repositoryService.createDeployment().name(DEPLOYMENT).source("Camunda Modeler")
                .addString("post-approval.bpmn", changed).deploy();
        ProcessDefinition target = repositoryService.createProcessDefinitionQuery().deploymentId(d.getId()).singleResult();

        MockHttpSession manager = login("manager");
        String html = page("/processes/post-approval?from=" + oldVersion, manager);
        assertThat(html).contains("id=\"dry-run\"").contains(post.getId()).contains("Migrate the movable posts")
                .contains("renamed review: &quot;Review post&quot; → &quot;Review the post&quot;");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getProcessDefinitionId()).as("the dry-run moved nothing").isEqualTo(oldDefinition);

        mvc.perform(post("/processes/post-approval/migrate").session(manager).with(csrf()).param("from", String.valueOf(oldVersion)))
                .andExpect(status().is3xxRedirection());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getProcessDefinitionId()).isEqualTo(target.getId());
    }
}
