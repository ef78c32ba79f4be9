package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 *, the redraw scenarios: a process owner deploys from Camunda Modeler (multipart POST to
 * /engine-rest/deployment/create with Basic auth) and the next post follows the new drawing or rules.
 * Every test deletes its deployments afterwards, so the repository's version serves the other tests again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OwnerModelerDeployTest {

    static final String OWNER = "ownerpo";
    static final String BRAND = "ownerbrand";
    static final String LEGAL = "ownerlegal2";
    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final String PREFIX = "owner-modeler-test";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RepositoryService repositoryService;
    @Autowired TaskService taskService;
    @Autowired PostService postService;
    @Autowired PostRepository postRepository;
    @Autowired DeploymentEvents events;
    @Autowired ProcessValidator validator;

    @TempDir Path folder;
    Date now;

    @BeforeEach
    void setUp() {
        user(OWNER, "process-owners");
        // "adding a stage is one DMN row and a group": the group is created like in Camunda Admin
        if (identityService.createGroupQuery().groupId("brand").count() == 0) {
            org.camunda.bpm.engine.identity.Group g = identityService.newGroup("brand");
            g.setName("Brand review");
            identityService.saveGroup(g);
        }
        user(BRAND, "brand");
        user(LEGAL, "legal");
        now = Date.from(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant());
        ClockUtil.setCurrentTime(now);
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        identityService.clearAuthentication();
        for (Deployment d : repositoryService.createDeploymentQuery().deploymentNameLike(PREFIX + "%").list()) {
            repositoryService.deleteDeployment(d.getId(), true);
        }
    }

    private void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User u = identityService.newUser(id);
            u.setPassword(id);
            identityService.saveUser(u);
            identityService.createMembership(id, group);
        }
    }

    // ---- Modeler's request ------------------------------------------------------------------------------------------

    /** What Camunda Modeler sends: multipart with deployment-name, deployment-source and the file(s). */
    HttpResponse<String> modelerDeploy(String user, String name, Map<String, byte[]> files) throws Exception {
        String boundary = "----modeler" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "deployment-name", null, name.getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "deployment-source", null, "Camunda Modeler".getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "enable-duplicate-filtering", null, "false".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            part(body, boundary, f.getKey(), f.getKey(), f.getValue());
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("no server error: %s", response.body()).isLessThan(500);
        return response;
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, byte[] content) throws IOException {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n"
                + (filename == null ? "" : "Content-Type: application/octet-stream\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    static String repoFile(String name) throws IOException {
        return Files.readString(Path.of(name), StandardCharsets.UTF_8);
    }

    /** approval-routing.dmn with one more row: new campaigns need a brand review. */
    static String dmnWithBrandRow() throws IOException {
        String dmn = repoFile("processes/approval-routing.dmn");
        String row = """
                      <rule id="Rule_Brand">
                        <description>New campaigns need a brand review</description>
                        <inputEntry id="UnaryTests_Brand_CampaignType"><text>"new"</text></inputEntry>
                        <inputEntry id="UnaryTests_Brand_Region"><text></text></inputEntry>
                        <inputEntry id="UnaryTests_Brand_LegalRisk"><text></text></inputEntry>
                        <inputEntry id="UnaryTests_Brand_Crisis"><text></text></inputEntry>
                        <outputEntry id="LiteralExpression_Brand"><text>"brand"</text></outputEntry>
                      </rule>
                    </decisionTable>""";
        assertThat(dmn).contains("</decisionTable>");
        return dmn.replace("</decisionTable>", row);
    }

    // ---- posts --------------------------------------------------------------------------------------------------------

    Post submitted(String campaign, boolean claims) {
        Post post = postService.create(CREATOR, new PostCommand("Modeler " + System.nanoTime(), campaign, null, "UTC",
                List.of(new VariantContent("local", "Launch day!", null)), null, null, false, claims, false));
        return postService.submit(CREATOR, post.getId());
    }

    List<Task> tasks(Post post, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(post.getId()).taskDefinitionKey(key).list();
    }

    List<String> groups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream().filter(l -> l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    void decide(String user, List<String> groups, Task task, String decision) {
        identityService.setAuthentication(user, new ArrayList<>(groups));
        try {
            taskService.claim(task.getId(), user);
            taskService.complete(task.getId(), Map.of("decision", decision));
        } finally {
            identityService.clearAuthentication();
        }
    }

    HttpResponse<String> api(String user, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("no server error: %s", response.body()).isLessThan(500);
        return response;
    }

    // ---- the scenarios ------------------------------------------------------------------------------------------------

    @Test
    void theApiTakesAndShowsTheRoutingFacts() throws Exception {
        String campaign = "Facts " + UUID.randomUUID();
        HttpResponse<String> created = api("creator", "/api/posts", "{\"title\":\"Facts\",\"campaign\":\"" + campaign
                + "\",\"campaignType\":\"ongoing\",\"region\":\"DACH\",\"paidPromotion\":true,\"crisis\":false,"
                + "\"variants\":[{\"channel\":\"local\",\"text\":\"Hi\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"region\":\"DACH\"").contains("\"paidPromotion\":true")
                .contains("\"priceHealthClaims\":false");
        HttpResponse<String> bad = api("creator", "/api/posts", "{\"title\":\"Facts\",\"campaign\":\"X\",\"campaignType\":\"weird\","
                + "\"variants\":[{\"channel\":\"local\",\"text\":\"Hi\"}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("campaignType").doesNotContain("\tat ");
    }

    @Test
    void onlyProcessOwnersAndAdminsMayDeploy() throws Exception {
        Map<String, byte[]> files = Map.of("approval-routing.dmn", dmnWithBrandRow().getBytes(StandardCharsets.UTF_8));
        assertThat(modelerDeploy("creator", PREFIX + "-refused", files).statusCode()).isEqualTo(403);
        assertThat(modelerDeploy("reviewer", PREFIX + "-refused", files).statusCode()).isEqualTo(403);
        assertThat(modelerDeploy("creator", PREFIX + "-refused", files).body()).doesNotContain("\tat ");
        assertThat(repositoryService.createDeploymentQuery().deploymentName(PREFIX + "-refused").count()).isZero();
        assertThat(modelerDeploy(OWNER, PREFIX + "-owner", files).statusCode()).isEqualTo(200);
        assertThat(modelerDeploy("admin", PREFIX + "-admin", files).statusCode()).isEqualTo(200);
    }

    @Test
    void aDmnRowAndAGroupAddABrandStageAndItRunsInParallelWithLegal() throws Exception {
        Post before = submitted("Launch " + UUID.randomUUID(), true);
        decide("reviewer", List.of("reviewers"), tasks(before, "review").get(0), "approve");
        assertThat(tasks(before, "review-stage")).extracting(this::groups).containsExactly(List.of("legal"));

        HttpResponse<String> response = modelerDeploy(OWNER, PREFIX + "-brand", Map.of("approval-routing.dmn",
                dmnWithBrandRow().getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("deployedDecisionDefinitions").contains("approval-routing");

        // the next post of a new campaign with a claim needs legal ∥ brand
        Post post = submitted("Launch " + UUID.randomUUID(), true);
        decide("reviewer", List.of("reviewers"), tasks(post, "review").get(0), "approve");
        List<Task> stages = tasks(post, "review-stage");
        assertThat(stages).extracting(Task::getName).containsExactlyInAnyOrder("Review stage: legal", "Review stage: brand");
        Task brand = stages.stream().filter(t -> groups(t).contains("brand")).findFirst().orElseThrow();
        Task legal = stages.stream().filter(t -> groups(t).contains("legal")).findFirst().orElseThrow();
        decide(BRAND, List.of("brand"), brand, "approve");
        assertThat(postRepository.findById(post.getId()).orElseThrow().getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        decide(LEGAL, List.of("legal"), legal, "approve");
        assertThat(postRepository.findById(post.getId()).orElseThrow().getStatus()).isEqualTo(PostStatus.SCHEDULED);

        // an ongoing campaign does not need brand
        Post ongoing = postService.create(CREATOR, new PostCommand("Ongoing " + System.nanoTime(), "Ongoing " + UUID.randomUUID(),
                null, "UTC", List.of(new VariantContent("local", "More of it", null)), "ongoing", null, false, false, false));
        postService.submit(CREATOR, ongoing.getId());
        decide("reviewer", List.of("reviewers"), tasks(ongoing, "review").get(0), "approve");
        assertThat(tasks(ongoing, "review-stage")).isEmpty();
    }

    @Test
    void aChangedDeadlineDrawnInModelerAppliesToTheNextPost() throws Exception {
        String bpmn = repoFile("processes/post-approval.bpmn");
        String changed = bpmn.replace("camunda:candidateGroups=\"reviewers\" camunda:dueDate=\"${deadlines.reviewDue(execution)}\"",
                "camunda:candidateGroups=\"reviewers\" camunda:dueDate=\"${deadlines.reviewDue(execution, 'PT48H')}\"");
        assertThat(changed).isNotEqualTo(bpmn);
        assertThat(modelerDeploy(OWNER, PREFIX + "-deadline", Map.of("post-approval.bpmn",
                changed.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(200);

        Post post = submitted(null, false);
        Task review = tasks(post, "review").get(0);
        assertThat(review.getDueDate()).isEqualTo(new Date(now.getTime() + Duration.ofHours(48).toMillis()));
    }

    @Test
    void aModelerDeploymentIsWrittenBackWhenThisNodeOwnsTheFolder() throws Exception {
        Files.createDirectories(folder.resolve("processes"));
        Files.createDirectories(folder.resolve("forms"));
        Files.writeString(folder.resolve("processes/approval-routing.dmn"), repoFile("processes/approval-routing.dmn"));
        ProcessDeployer folderDeployer = new ProcessDeployer(repositoryService, folder, PREFIX + "-folder", validator, events);
        ModelerWriteBack writeBack = new ModelerWriteBack(repositoryService, identityService, folderDeployer, events, true);

        modelerDeploy(OWNER, PREFIX + "-writeback", Map.of("approval-routing.dmn", dmnWithBrandRow().getBytes(StandardCharsets.UTF_8),
                "review-post.form", repoFile("forms/review-post.form").getBytes(StandardCharsets.UTF_8)));
        Deployment deployment = repositoryService.createDeploymentQuery().deploymentName(PREFIX + "-writeback").singleResult();
        writeBack.deployed(deployment);

        assertThat(Files.readString(folder.resolve("processes/approval-routing.dmn"))).contains("Rule_Brand");
        assertThat(folder.resolve("forms/review-post.form")).exists();
        assertThat(events.recent().get(0).kind()).isEqualTo(DeploymentEvents.Kind.WRITTEN_BACK);
        assertThat(events.recent().get(0).message()).contains("processes/approval-routing.dmn");

        // where the folder is not this node's to write, the process pages warn that the live version is newer
        new ModelerWriteBack(repositoryService, identityService, folderDeployer, events, false).deployed(deployment);
        assertThat(events.currentProblem()).isNotNull();
        assertThat(events.currentProblem().kind()).isEqualTo(DeploymentEvents.Kind.LIVE_NEWER_THAN_FILES);
        assertThat(events.currentProblem().message()).contains(PREFIX + "-writeback").contains("newer than the files");
        // the Java-deployed files of this node (source greenlight) are never written back
        Files.writeString(folder.resolve("processes/approval-routing.dmn"), repoFile("processes/approval-routing.dmn"));
        folderDeployer.deploy("test");
        assertThat(Files.readString(folder.resolve("processes/approval-routing.dmn"))).doesNotContain("Rule_Brand");
    }
}
