package io.greenlight.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.greenlight.scale.Client;
import io.greenlight.scale.JarNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 *, fault 2: the network is down. The stub Mastodon first answers 503, then refuses connections; every
 * publish job retries with the back-off drawn in the diagram and ends in an incident, its post FAILED. The network
 * comes back, and ONE retry action — {@code POST /engine-rest/job/retries} for every failed job, the documented way
 * (README, "Development") — publishes every post exactly once and clears the incidents.
 * <p>
 * The back-off is the diagram's {@code camunda:failedJobRetryTimeCycle} ({@code PT30S,PT2M,PT10M}); the node runs
 * with a copy of the built jar's diagrams in its working directory ({@code greenlight.process-files}) whose cycle is
 * {@code PT2S,PT2S,PT2S}, so the outage lasts seconds rather than 13 minutes. Nothing else differs.
 */
class NetworkDownIT {

    private static final int POSTS = Integer.getInteger("greenlight.faults.down-posts", 30);
    private static final String CHANNEL = "brand-masto";
    private static final String TOKEN = "stub-masto-token";
    private static final String DRAWN_CYCLE = "<camunda:failedJobRetryTimeCycle>PT30S,PT2M,PT10M</camunda:failedJobRetryTimeCycle>";
    private static final String SHORT_CYCLE = "<camunda:failedJobRetryTimeCycle>PT2S,PT2S,PT2S</camunda:failedJobRetryTimeCycle>";

    @Test
    void afterAnOutageOneRetryActionPublishesEveryFailedPostExactlyOnce() throws Exception {
        Path work = FaultSupport.workDir("network-down");
        diagramsWithAShortBackOff(work);
        JarNode node = null;
        try (MastodonStub stub = new MastodonStub(TOKEN)) {
            JarNode started = FaultSupport.startNode("network-down", work, List.of());
            node = started;
            System.out.println("faults: node up after " + started.awaitUp(Duration.ofMinutes(5)) + " ms");
            String base = node.url("");
            JsonNode definition = Client.call("GET", base + "/engine-rest/process-definition/key/post-approval/xml",
                    FaultSupport.ADMIN, null);
            assertThat(definition.path("bpmn20Xml").asText()).as("the node deployed the diagrams of its working directory")
                    .contains(SHORT_CYCLE);
            Client.call("POST", base + "/api/channels", "manager", Client.JSON.createObjectNode().put("key", CHANNEL)
                    .put("name", "Brand on the stub Mastodon").put("network", "MASTODON").put("baseUrl", stub.baseUrl())
                    .put("credentials", TOKEN));

            // the network goes down: 503 for every status
            stub.unavailable(true);
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                int n = i;
                // no publishing time: each goes out as soon as it is approved
                futures.add(pool.submit(() -> ids.add(Client.approvedPost(base, base, n % 2 == 0 ? "creator" : "creator2",
                        "fault outage " + n, null, CHANNEL))));
            }
            try {
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            // once every post has had its 503, the server is gone entirely: connections are refused
            FaultSupport.await("every post's first attempt answered 503", Duration.ofMinutes(3), 100,
                    () -> stub.keysAnsweredUnavailable().size() >= POSTS);
            stub.stop();
            Instant downSince = Instant.now();
            long failedAfterMs = FaultSupport.await(POSTS + " incidents (retries used up)", Duration.ofMinutes(5), 500,
                    () -> FaultSupport.engineCount(started, "/incident/count?incidentType=failedJob") >= POSTS);
            long incidentsDuring = FaultSupport.engineCount(started, "/incident/count");
            assertThat(incidentsDuring).as("one incident per post").isEqualTo(POSTS);
            assertThat(stub.created()).as("statuses created while the network was down").isZero();
            int refused = 0;
            int unavailable = 0;
            IntSummaryStatistics attempts = new IntSummaryStatistics();
            for (String id : ids) {
                FaultSupport.await("post " + id + " FAILED", Duration.ofMinutes(1), 200, () -> "FAILED".equals(
                        Client.call("GET", base + "/api/posts/" + id, "manager", null).path("status").asText()));
                JsonNode variant = Client.call("GET", base + "/api/posts/" + id, "manager", null).path("variants").path(0);
                String error = variant.path("lastError").asText("");
                assertThat(variant.path("status").asText()).isEqualTo("FAILED");
                assertThat(error).as("the failure names the channel").contains(CHANNEL);
                refused += error.contains("cannot be reached") ? 1 : 0;
                unavailable += error.contains("503") ? 1 : 0;
                JsonNode publication = Client.call("GET", base + "/api/posts/" + id + "/publications", "manager", null).path(0);
                assertThat(publication.path("state").asText()).as("nothing went out for %s", id).isEqualTo("NOT_SENT");
                attempts.accept(publication.path("attempts").asInt());
            }
            assertThat(refused + unavailable).as("every last error is the outage").isEqualTo(POSTS);
            assertThat(refused).as("posts whose last attempt found the port closed").isPositive();
            assertThat(attempts.getMin()).as("attempts per post (first try + the drawn retries)").isGreaterThan(1);
            System.out.printf("faults: network down: %d posts, %d-%d attempts each (%d answered 503, the rest refused), "
                            + "%d incidents, %d posts FAILED (%d last saw 503, %d a refused connection), %d ms to the last "
                            + "incident after the port closed%n",
                    POSTS, attempts.getMin(), attempts.getMax(), stub.unavailableAnswers(), incidentsDuring, POSTS,
                    unavailable, refused, failedAfterMs);

            // the network is back; one retry action for every failed job
            stub.unavailable(false);
            stub.start();
            ObjectNode retry = Client.JSON.createObjectNode().put("retries", 1);
            retry.putObject("jobQuery").put("withException", true).put("noRetriesLeft", true);
            JsonNode batch = Client.call("POST", base + "/engine-rest/job/retries", FaultSupport.ADMIN, retry);
            assertThat(batch.path("id").asText(null)).as("the retry batch").isNotNull();

            Map<String, JsonNode> posts = new HashMap<>();
            long publishedAfterMs = FaultSupport.await("every post PUBLISHED after the retry", Duration.ofMinutes(5), 500, () -> {
                for (String id : ids) {
                    if (!posts.containsKey(id)) {
                        JsonNode post = Client.call("GET", base + "/api/posts/" + id, "manager", null);
                        if ("PUBLISHED".equals(post.path("status").asText())) {
                            posts.put(id, post);
                        }
                    }
                }
                return posts.size() == ids.size();
            });
            FaultSupport.await("the retry batch finished", Duration.ofMinutes(2), 500,
                    () -> FaultSupport.engineCount(started, "/batch/count") == 0);

            MastodonStub.Received received = stub.received();
            List<ObjectNode> statuses = received.statuses();
            Map<String, String> statusIdByText = received.statusIdByText();
            int duplicates = received.duplicateTexts();
            for (JsonNode post : posts.values()) {
                JsonNode variant = post.path("variants").path(0);
                assertThat(variant.path("status").asText()).isEqualTo("PUBLISHED");
                assertThat(variant.path("externalId").asText(null)).as("post %s has the status created for it", post.path("id"))
                        .isEqualTo(statusIdByText.get(variant.path("text").asText()));
            }
            assertThat(duplicates).as("statuses with the same text").isZero();
            assertThat(statuses).as("statuses on the stub: one per post").hasSize(POSTS);
            ObjectNode query = Client.JSON.createObjectNode();
            posts.values().forEach(p -> query.withArray("processInstanceIds").add(p.path("processInstanceId").asText()));
            assertThat(Client.call("POST", base + "/engine-rest/process-instance/count", FaultSupport.ADMIN, query)
                    .path("count").asLong()).as("post-approval instances still running").isZero();
            long[] incidents = FaultSupport.incidents(started);
            assertThat(incidents[0]).as("incidents (/engine-rest)").isZero();
            assertThat(incidents[1]).as("incidents (greenlight.incidents metric)").isZero();
            assertThat(FaultSupport.engineCount(started, "/job/count?withException=true")).as("failed jobs").isZero();
            assertThat(Client.call("GET", base + "/api/posts?status=FAILED&size=1", "manager", null).path("total").asLong())
                    .as("FAILED posts").isZero();
            System.out.printf("faults: network back; one retry action (POST /engine-rest/job/retries): %d posts, %d published "
                            + "once, %d duplicates, %d incidents left, all published %d ms after the retry (%d ms after the "
                            + "outage began)%n",
                    POSTS, statuses.size(), duplicates, incidents[0], publishedAfterMs,
                    Duration.between(downSince, Instant.now()).toMillis());
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    /** The built jar's diagrams and forms in {@code work/processes} and {@code work/forms}, with a back-off of seconds. */
    private static void diagramsWithAShortBackOff(Path work) throws IOException {
        try (FileSystem jar = FileSystems.newFileSystem(io.greenlight.scale.JarNode.jar())) {
            for (String folder : List.of("processes", "forms")) {
                Path from = jar.getPath("BOOT-INF/classes/" + folder);
                Path to = Files.createDirectories(work.resolve(folder));
                try (Stream<Path> files = Files.list(from)) {
                    for (Path f : files.toList()) {
                        Files.write(to.resolve(f.getFileName().toString()), Files.readAllBytes(f));
                    }
                }
            }
        }
        Path diagram = work.resolve("processes/post-approval.bpmn");
        String xml = Files.readString(diagram, StandardCharsets.UTF_8);
        assertThat(xml).as("the publish task's drawn back-off (the test shortens exactly this)").contains(DRAWN_CYCLE);
        Files.writeString(diagram, xml.replace(DRAWN_CYCLE, SHORT_CYCLE), StandardCharsets.UTF_8);
    }
}
