package io.greenlight.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.greenlight.scale.Client;
import io.greenlight.scale.JarNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 *, fault 1: the node dies (SIGKILL) in the middle of a publishing burst and is started again on the same
 * H2 data dir. One node of the built jar, the default embedded H2 file database, a Mastodon channel pointing at a
 * loopback stub Mastodon ({@link MastodonStub}) that honours {@code Idempotency-Key} as a real server does.
 * {@code greenlight.faults.posts} (default 500) approved posts, all due at one instant; the node is killed once a
 * fifth of them is out and while the stub holds back answers of statuses it already stored — the client never learns
 * of those. After the restart every post must be out exactly once: one status per post on the stub (the retries of
 * the unanswered ones reuse their key and get the stored status back), every post PUBLISHED with that status' id,
 * no incidents.
 */
class KillDuringBurstIT {

    private static final int POSTS = Integer.getInteger("greenlight.faults.posts", 500);
    private static final int THREADS = 4;
    /** Posts of the measured warm-up round (a first round of a quarter as many publishes at once). */
    private static final int WARM_UP = 40;
    private static final String CHANNEL = "brand-masto";
    private static final String TOKEN = "stub-masto-token";

    @Test
    void aBurstIsPublishedExactlyOnceThroughAKillAndARestart() throws Exception {
        Path work = FaultSupport.workDir("kill-during-burst");
        JarNode node = null;
        JarNode restarted = null;
        try (MastodonStub stub = new MastodonStub(TOKEN)) {
            node = FaultSupport.startNode("before-kill", work, List.of());
            System.out.println("faults: node up after " + node.awaitUp(Duration.ofMinutes(5)) + " ms (H2 in " + work.resolve("data") + ")");
            String base = node.url("");

            // a manager adds the channel; Greenlight reads the server's limit from GET /api/v2/instance
            ObjectNode channel = Client.JSON.createObjectNode().put("key", CHANNEL).put("name", "Brand on the stub Mastodon")
                    .put("network", "MASTODON").put("baseUrl", stub.baseUrl()).put("credentials", TOKEN);
            JsonNode created = Client.call("POST", base + "/api/channels", "manager", channel);
            assertThat(created.path("limits").path("maxLength").asInt()).as("limit read from the stub's /api/v2/instance")
                    .isEqualTo(MastodonStub.MAX_CHARACTERS);

            // warm-up: posts that go out at once (the whole loop works, JIT and pools warm up), then a round like the
            // burst — 4 client threads, posts due tomorrow — that measures how fast this machine approves posts now
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            approve(base, ids, "fault warm-up", WARM_UP / 4, null);
            int warmUps = ids.size();
            long warmMs = approve(base, Collections.synchronizedList(new ArrayList<>()), "fault tomorrow", WARM_UP,
                    Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString());
            FaultSupport.await("the warm-up posts reach the stub", Duration.ofMinutes(2), 100, () -> stub.created() >= warmUps);

            // every post due at the same instant: far enough ahead to create them all first (half again the measured
            // time, plus 20 s for a machine that gets busier meanwhile)
            long perPostMs = warmMs / WARM_UP;
            Instant due = Instant.now().plusMillis(perPostMs * POSTS * 3 / 2 + 20_000).truncatedTo(ChronoUnit.SECONDS);
            Instant createStart = Instant.now();
            approve(base, ids, "fault burst", POSTS, due.toString());
            long createMs = Duration.between(createStart, Instant.now()).toMillis();
            System.out.printf("faults: %d posts approved over HTTP in %d ms with %d client threads (warm-up: %d ms per "
                    + "post); all due at %s%n", POSTS, createMs, THREADS, perPostMs, due);
            assertThat(Instant.now()).as("all %d posts approved before they are due (%s): lower -Dgreenlight.faults.posts "
                    + "on a slow machine", POSTS, due).isBefore(due);
            assertThat(stub.created()).as("nothing of the burst goes out before it is due").isEqualTo(warmUps);

            // the burst: kill -9 once a fifth is out, at a moment when the stub has stored statuses whose answers
            // have not been sent (held back until the node is dead, so the node never learns of them)
            int killAt = Math.max(1, POSTS / 5);
            Set<String> unanswered;
            int outAtKill;
            long deadline = System.currentTimeMillis() + Duration.between(Instant.now(), due).toMillis() + 300_000;
            while (true) {
                if (stub.created() - warmUps >= killAt && !stub.answerPending().isEmpty()) {
                    stub.hold();
                    if (!stub.answerPending().isEmpty()) {
                        node.kill9();
                        unanswered = stub.answerPending();
                        outAtKill = stub.created() - warmUps;
                        stub.release();
                        break;
                    }
                    stub.release();
                }
                assertThat(System.currentTimeMillis()).as("the burst reaches %d of %d posts with calls in flight (%d out)",
                        killAt, POSTS, stub.created() - warmUps).isLessThan(deadline);
                FaultSupport.pause(2);
            }
            Instant killedAt = Instant.now();
            System.out.printf("faults: killed (SIGKILL) %d ms after the due time with %d of %d statuses on the stub, "
                            + "%d of them stored but not yet answered%n",
                    Duration.between(due, killedAt).toMillis(), outAtKill, POSTS, unanswered.size());
            assertThat(outAtKill).as("the kill came while publishing: some posts were not out yet").isLessThan(POSTS);
            assertThat(unanswered).isNotEmpty();

            // the same jar on the same data dir
            restarted = FaultSupport.startNode("after-restart", work, List.of());
            long upMs = restarted.awaitUp(Duration.ofMinutes(5));
            String again = restarted.url("");
            Set<String> pending = new LinkedHashSet<>(ids);
            Map<String, JsonNode> posts = new HashMap<>();
            // the jobs the dead node had locked wait for their lock to expire (60 s on one node)
            long publishedAfterMs = FaultSupport.await("every post PUBLISHED after the restart", Duration.ofMinutes(8), 1000, () -> {
                for (String id : new ArrayList<>(pending)) {
                    JsonNode post = Client.call("GET", again + "/api/posts/" + id, "manager", null);
                    if ("PUBLISHED".equals(post.path("status").asText())) {
                        posts.put(id, post);
                        pending.remove(id);
                    }
                }
                return pending.isEmpty();
            });
            long restartMs = Duration.between(killedAt, Instant.now()).toMillis();

            // exactly once, as the network sees it: one status per post, each post's text once
            MastodonStub.Received received = stub.received();
            List<ObjectNode> statuses = received.statuses();
            Map<String, String> statusIdByText = received.statusIdByText();
            int duplicates = received.duplicateTexts();
            Set<String> ourTexts = new HashSet<>();
            for (JsonNode post : posts.values()) {
                JsonNode variant = post.path("variants").path(0);
                assertThat(variant.path("channel").asText()).isEqualTo(CHANNEL);
                assertThat(variant.path("status").asText()).as("variant of %s", post.path("id")).isEqualTo("PUBLISHED");
                String text = variant.path("text").asText();
                ourTexts.add(text);
                assertThat(variant.path("externalId").asText(null)).as("post %s recorded the status the stub created for it",
                        post.path("id")).isEqualTo(statusIdByText.get(text));
            }
            assertThat(duplicates).as("statuses with the same text").isZero();
            assertThat(statuses).as("statuses on the stub").hasSize(ids.size());
            assertThat(statusIdByText.keySet()).as("every status is one of our posts").isEqualTo(ourTexts);
            assertThat(stub.replayedKeys()).as("every status stored while the node died was asked for again with its "
                    + "Idempotency-Key and returned, not created twice").containsAll(unanswered);

            // nothing stuck: the posts' approval instances ended, no failed job, no incident (engine and our metric)
            List<String> instances = posts.values().stream().map(p -> p.path("processInstanceId").asText()).toList();
            ObjectNode query = Client.JSON.createObjectNode();
            query.putArray("processInstanceIds").addAll(instances.stream().map(Client.JSON.getNodeFactory()::textNode).toList());
            long running = Client.call("POST", again + "/engine-rest/process-instance/count", FaultSupport.ADMIN, query)
                    .path("count").asLong();
            assertThat(running).as("post-approval instances of our posts still running").isZero();
            assertThat(FaultSupport.engineCount(restarted, "/job/count?withException=true")).as("failed jobs").isZero();
            long[] incidents = FaultSupport.incidents(restarted);
            assertThat(incidents[0]).as("incidents (/engine-rest)").isZero();
            assertThat(incidents[1]).as("incidents (greenlight.incidents metric)").isZero();
            assertThat(Client.call("GET", again + "/api/posts?status=FAILED&size=1", "manager", null).path("total").asLong())
                    .as("FAILED posts").isZero();

            System.out.printf("faults: %d posts, %d published once, %d duplicates, restart took %d ms (node up again; "
                            + "every post PUBLISHED %d ms after the kill, %d ms after the node was up), %d Idempotency-Key "
                            + "replays answered with the stored status, %d incidents%n",
                    POSTS, statuses.size() - warmUps, duplicates, upMs, restartMs, publishedAfterMs,
                    stub.replayedKeys().size(), incidents[0]);
        } finally {
            if (node != null) {
                node.close();
            }
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    /** Creates, submits and approves {@code count} posts for the channel with 4 client threads; returns the millis. */
    private static long approve(String base, List<String> ids, String title, int count, String scheduledAt) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> ids.add(Client.approvedPost(base, base, n % 2 == 0 ? "creator" : "creator2",
                        title + " " + n, scheduledAt, CHANNEL))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
