package io.greenlight.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.UserAccounts;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every user task workable in the inbox: the late-approval decision through its own form (with the new time picked in
 * the manager's time zone) and a task a process owner drew with a brand-new form, both completed through
 * {@code /api/tasks/{id}/form} under the engine's rules.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TaskFormsTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final CurrentUser REVIEWER = new CurrentUser("reviewer", Set.of("reviewers"));

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired PostService posts;
    @Autowired PostRepository postRepository;
    @Autowired ReviewInbox inbox;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired HistoryService history;
    @Autowired IdentityService identity;
    @Autowired UserAccounts accounts;

    String deployment;

    @AfterEach
    void cleanUp() {
        identity.clearAuthentication();
        accounts.setTimeZone("admin", accounts.defaultZone().getId());
        if (deployment != null) {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void theLateApprovalIsDecidedInTheInboxWithATimePickedInTheManagersZone() throws Exception {
        ZoneId auckland = ZoneId.of("Pacific/Auckland");
        accounts.setTimeZone("admin", auckland.getId());
        Post post = posts.create(CREATOR, new PostCommand("Late " + UUID.randomUUID().toString().substring(0, 8), null,
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(2), "UTC", List.of(new VariantContent("local", "Late text", null))));
        posts.submit(CREATOR, post.getId());
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).singleResult();
        identity.setAuthentication(REVIEWER.id(), List.copyOf(REVIEWER.groups()));
        inbox.complete(REVIEWER, review.getId(), "approve", null);
        identity.clearAuthentication();
        Task late = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).initializeFormKeys().singleResult();
        assertThat(late.getCamundaFormRef().getKey()).isEqualTo("late-post");

        MockHttpSession admin = login("admin");
        assertThat(page("/inbox", admin)).contains("/inbox/tasks/" + late.getId());
        assertThat(page("/inbox/tasks/" + late.getId(), admin))
                .contains("/vendor/form-js-1.8.7/form-viewer.umd.js", "/api/tasks/" + late.getId() + "/form");
        JsonNode model = json.readTree(page("/api/tasks/" + late.getId() + "/form", admin));
        assertThat(model.path("zone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(model.path("schema").path("id").asText()).isEqualTo("late-post");
        assertThat(model.path("data").path("title").asText()).isEqualTo(post.getTitle());
        JsonNode picker = field(model.path("schema"), "newPublishAt");
        assertThat(picker.path("type").asText()).isEqualTo("datetime");
        assertThat(picker.path("timeSerializingFormat").asText()).isEqualTo("no_timezone");
        assertThat(picker.path("description").asText()).contains("Pacific/Auckland");

        // the engine's rule refuses a reschedule without a time: 400 with its message, and the task stays unclaimed
        MvcResult refused = submit(admin, late.getId(), Map.of("lateDecision", "reschedule")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(refused.getResponse().getContentAsString()).path("detail").asText())
                .contains("Rescheduling needs 'newPublishAt'");
        assertThat(tasks.createTaskQuery().taskId(late.getId()).singleResult().getAssignee()).isNull();

        String local = LocalDate.now(auckland).plusDays(3) + "T09:30";
        submit(admin, late.getId(), Map.of("lateDecision", "reschedule", "newPublishAt", local, "lateComment", "Next week"))
                .andExpect(status().isOk());
        assertThat(tasks.createTaskQuery().taskId(late.getId()).count()).isZero();
        Post moved = postRepository.findById(post.getId()).orElseThrow();
        assertThat(moved.getScheduledAt().toInstant())
                .isEqualTo(LocalDate.now(auckland).plusDays(3).atTime(LocalTime.of(9, 30)).atZone(auckland).toInstant());
        assertThat(moved.getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(history.createHistoricTaskInstanceQuery().taskId(late.getId()).singleResult().getAssignee())
                .as("completing claimed it for the manager").isEqualTo("admin");
    }

    @Test
    void aTaskWithANewFormIsCompletedInTheInboxWithNoJava() throws Exception {
        String key = "owner-drawn-" + UUID.randomUUID().toString().substring(0, 6);
        String formId = "equipment-check-" + UUID.randomUUID().toString().substring(0, 6);
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).name("Equipment check")
                .startEvent()
                .userTask("check").name("Check the equipment").camundaFormRef(formId).camundaFormRefBinding("deployment")
                .camundaCandidateGroups("reviewers")
                .endEvent().done();
        String form = """
                {"schemaVersion": 16, "id": "%s", "type": "default", "components": [
                  {"id": "t", "type": "text", "text": "## Check {{item}}"},
                  {"id": "a", "key": "working", "type": "checkbox", "label": "It works"},
                  {"id": "n", "key": "note", "type": "textfield", "label": "Note", "validate": {"required": true}},
                  {"id": "d", "key": "checkedAt", "type": "datetime", "subtype": "datetime", "dateLabel": "Checked at"}
                ]}""".formatted(formId);
        deployment = repository.createDeployment().name(key)
                .addModelInstance(key + ".bpmn", model).addString(formId + ".form", form).deploy().getId();
        ProcessInstance instance = runtime.startProcessInstanceByKey(key, Map.of("item", "the camera"));
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();

        MockHttpSession reviewer = login("reviewer");
        assertThat(page("/inbox", reviewer)).contains("/inbox/tasks/" + task.getId());
        JsonNode loaded = json.readTree(page("/api/tasks/" + task.getId() + "/form", reviewer));
        assertThat(loaded.path("schema").path("id").asText()).isEqualTo(formId);
        assertThat(loaded.path("data").path("item").asText()).isEqualTo("the camera");

        ZoneId zone = accounts.zoneOf("reviewer");
        submit(reviewer, task.getId(), Map.of("working", true, "note", "Lens is clean", "checkedAt", "2026-11-30T14:00",
                "item", "overwritten?", "smuggled", "x")).andExpect(status().isOk());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        Map<String, Object> stored = history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
                .stream().collect(Collectors.toMap(HistoricVariableInstance::getName, v -> String.valueOf(v.getValue())));
        assertThat(stored).containsEntry("working", "true").containsEntry("note", "Lens is clean")
                .containsEntry("item", "the camera")
                .containsEntry("checkedAt", java.time.LocalDateTime.parse("2026-11-30T14:00").atZone(zone).toOffsetDateTime().toString())
                .doesNotContainKey("smuggled");

        // another user's group does not see it
        ProcessInstance second = runtime.startProcessInstanceByKey(key, Map.of("item", "the tripod"));
        Task other = tasks.createTaskQuery().processInstanceId(second.getId()).singleResult();
        submit(login("creator"), other.getId(), Map.of("note", "not mine")).andExpect(status().isNotFound());
        assertThat(tasks.createTaskQuery().taskId(other.getId()).count()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode field(JsonNode schema, String key) {
        for (JsonNode c : schema.path("components")) {
            if (key.equals(c.path("key").asText())) {
                return c;
            }
        }
        throw new AssertionError("no field " + key);
    }

    private org.springframework.test.web.servlet.ResultActions submit(MockHttpSession session, String taskId,
                                                                      Map<String, Object> variables) throws Exception {
        return mvc.perform(post("/api/tasks/" + taskId + "/form").session(session).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("variables", variables))));
    }

    private MockHttpSession login(String user) throws Exception {
        MvcResult result = mvc.perform(formLogin().user(user).password(user)).andExpect(authenticated().withUsername(user)).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private String page(String url, MockHttpSession session) throws Exception {
        return mvc.perform(get(url).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
