package io.greenlight.post;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.testing.RestartedApp;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posts, their process instances and tasks survive a restart on the same file database, and an unchanged
 * diagram deploys no new version. Starts the app twice, itself, beside the shared in-memory test context:
 * its own file database, a random port, and its own engine name — Camunda keeps engines in a static registry
 * by name, and closing a second "default" engine would unregister the shared context's engine from
 * /engine-rest.
 */
class RestartPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void postsInstancesAndTasksSurviveARestartWithoutANewProcessVersion() {
        Map<String, ProcessEngine> enginesBefore = new HashMap<>(ProcessEngines.getProcessEngines());
        String url = RestartedApp.database(dir);
        String title = "Survives restarts " + UUID.randomUUID().toString().substring(0, 8);

        String postId;
        String instanceId;
        String taskId;
        ProcessDefinition definitionBefore;
        long definitionsBefore;
        long deploymentsBefore;
        try (ConfigurableApplicationContext first = start(url)) {
            Http http = new Http(port(first));
            JsonNode draft = http.post("creator", "/api/posts", ApiTestSupport.postBody(title, "Still here after a restart"))
                    .expect(201).json();
            postId = draft.path("id").asText();
            JsonNode submitted = http.post("creator", "/api/posts/" + postId + "/submit", null).expect(200).json();
            assertThat(submitted.path("status").asText()).isEqualTo("IN_REVIEW");
            instanceId = submitted.path("processInstanceId").asText();
            taskId = submitted.path("currentStages").get(0).path("taskId").asText();
            assertThat(taskId).isNotBlank();

            RepositoryService repository = first.getBean(RepositoryService.class);
            definitionBefore = repository.createProcessDefinitionQuery().processDefinitionKey("post-approval")
                    .latestVersion().singleResult();
            definitionsBefore = repository.createProcessDefinitionQuery().processDefinitionKey("post-approval").count();
            deploymentsBefore = repository.createDeploymentQuery().count();
            assertThat(first.getBean(ProcessEngine.class).getName()).isEqualTo("restartTest");
        }

        try (ConfigurableApplicationContext second = start(url)) {
            Http http = new Http(port(second));
            JsonNode post = http.get("creator", "/api/posts/" + postId).expect(200).json();
            assertThat(post.path("title").asText()).isEqualTo(title);
            assertThat(post.path("status").asText()).isEqualTo("IN_REVIEW");
            assertThat(post.path("contentVersion").asInt()).isEqualTo(1);
            assertThat(post.path("processInstanceId").asText()).isEqualTo(instanceId);
            assertThat(post.path("currentStages").get(0).path("taskId").asText()).isEqualTo(taskId);

            RuntimeService runtime = second.getBean(RuntimeService.class);
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceId).processInstanceBusinessKey(postId)
                    .count()).isOne();
            Task task = second.getBean(TaskService.class).createTaskQuery().taskId(taskId).singleResult();
            assertThat(task).isNotNull();
            assertThat(task.getTaskDefinitionKey()).isEqualTo("review");
            assertThat(task.getProcessInstanceId()).isEqualTo(instanceId);

            RepositoryService repository = second.getBean(RepositoryService.class);
            ProcessDefinition definitionAfter = repository.createProcessDefinitionQuery().processDefinitionKey("post-approval")
                    .latestVersion().singleResult();
            assertThat(definitionAfter.getId()).isEqualTo(definitionBefore.getId());
            assertThat(definitionAfter.getVersion()).isEqualTo(definitionBefore.getVersion());
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("post-approval").count())
                    .isEqualTo(definitionsBefore);
            assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);

            // the restarted app carries on: the review task is offered and can be decided
            assertThat(ApiTestSupport.list(http.get("reviewer", "/api/tasks").expect(200).json()).stream()
                    .map(t -> t.path("id").asText())).contains(taskId);
            http.post("reviewer", "/api/tasks/" + taskId + "/complete", "{\"decision\":\"approve\"}").expect(204);
            assertThat(http.get("creator", "/api/posts/" + postId).expect(200).json().path("status").asText())
                    .isEqualTo("SCHEDULED");
        }

        // the shared test context's engines (if already started) are still registered as before
        assertThat(ProcessEngines.getProcessEngines()).isEqualTo(enginesBefore);
    }

    private ConfigurableApplicationContext start(String url) {
        return RestartedApp.start(url, dir, "restartTest");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
