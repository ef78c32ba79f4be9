package io.greenlight.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Mastodon server on loopback, as far as Greenlight's connector uses it (docs.joinmastodon.org):
 * <ul>
 *   <li>{@code GET /api/v2/instance}: the server's limits ({@code configuration.statuses.max_characters} …);</li>
 *   <li>{@code POST /api/v1/statuses} with {@code Authorization: Bearer} and an {@code Idempotency-Key}: the status is
 *       stored when the request arrives, then the answer follows after 50–100 ms. The same key again (same token)
 *       returns the status created for it — no new status — as a real server does for the hour it keeps keys.</li>
 * </ul>
 * Faults: {@link #unavailable(boolean)} answers every status request with 503 (nothing stored), {@link #stop()} closes
 * the port (connections refused) until {@link #start()}; {@link #hold()} keeps the answers of requests in progress
 * back, so a test knows exactly which stored statuses the client never heard of.
 */
final class MastodonStub implements AutoCloseable {

    static final int MAX_CHARACTERS = 640;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final int port;
    private HttpServer server;
    private ExecutorService threads;

    /** token + key → the status created for it. */
    private final Map<String, ObjectNode> byKey = new ConcurrentHashMap<>();
    /** every status created, in order. */
    private final List<ObjectNode> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Set<String> replayedKeys = ConcurrentHashMap.newKeySet();
    /** keys of stored statuses whose answer is still to be sent (sleeping or held). */
    private final Set<String> answerPending = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(110_000_000_000_000_000L);
    private final AtomicInteger statusRequests = new AtomicInteger();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private final Set<String> keysAnsweredUnavailable = ConcurrentHashMap.newKeySet();
    private final AtomicInteger instanceRequests = new AtomicInteger();
    private volatile boolean unavailable;
    private final Object holdLock = new Object();
    private volatile boolean held;

    MastodonStub(String token) throws IOException {
        this.token = token;
        this.port = FaultSupport.freePort();
        start();
    }

    synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        IOException last = null;
        // the port was ours a moment ago; a rebind can briefly fail while the kernel lets go of it
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
                break;
            } catch (java.net.BindException e) {
                last = e;
                FaultSupport.pause(200);
            }
        }
        if (server == null) {
            throw last;
        }
        threads = Executors.newCachedThreadPool();
        server.createContext("/api/v2/instance", this::instance);
        server.createContext("/api/v1/statuses", this::statuses);
        server.setExecutor(threads);
        server.start();
    }

    /** Closes the port: connections are refused until {@link #start()}. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void unavailable(boolean on) {
        unavailable = on;
    }

    /** Answers of requests in progress wait until {@link #release()}; new requests are still stored. */
    void hold() {
        synchronized (holdLock) {
            held = true;
        }
    }

    void release() {
        synchronized (holdLock) {
            held = false;
            holdLock.notifyAll();
        }
    }

    private void instance(HttpExchange exchange) throws IOException {
        instanceRequests.incrementAndGet();
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "{\"error\":\"Method not allowed\"}");
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("domain", "stub.social").put("title", "Stub").put("version", "4.3.0");
        ObjectNode statusesConfig = body.putObject("configuration").putObject("statuses");
        statusesConfig.put("max_characters", MAX_CHARACTERS).put("max_media_attachments", 4)
                .put("characters_reserved_per_url", 23);
        send(exchange, 200, body.toString());
    }

    private void statuses(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "{\"error\":\"Method not allowed\"}");
            return;
        }
        statusRequests.incrementAndGet();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (unavailable) {
            unavailableAnswers.incrementAndGet();
            if (key != null) {
                keysAnsweredUnavailable.add(key);
            }
            send(exchange, 503, "<html><body><h1>503 Service Unavailable</h1></body></html>");
            return;
        }
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":\"The access token is invalid\"}");
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(raw);
        } catch (IOException e) {
            send(exchange, 422, "{\"error\":\"Validation failed: Text can't be blank\"}");
            return;
        }
        String text = request.path("status").asText("");
        if (text.isBlank()) {
            send(exchange, 422, "{\"error\":\"Validation failed: Text can't be blank\"}");
            return;
        }
        ObjectNode status;
        boolean replay;
        if (key == null) {
            status = create(text, request);
            replay = false;
        } else {
            boolean[] created = {false};
            status = byKey.computeIfAbsent(token + "|" + key, k -> {
                created[0] = true;
                return create(text, request);
            });
            replay = !created[0];
            if (replay) {
                replayedKeys.add(key);
            }
        }
        String pending = key != null ? key : status.path("id").asText();
        answerPending.add(pending);
        FaultSupport.pause(ThreadLocalRandom.current().nextLong(50, 101));
        synchronized (holdLock) {
            // leaving the pending set happens under the lock that hold() takes: once hold() returned, every key
            // still pending is answered only after release()
            while (held) {
                try {
                    holdLock.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answerPending.remove(pending);
                    return;
                }
            }
            answerPending.remove(pending);
        }
        send(exchange, 200, status.toString());
    }

    private ObjectNode create(String text, JsonNode request) {
        String id = String.valueOf(ids.incrementAndGet());
        ObjectNode status = JSON.createObjectNode().put("id", id).put("created_at", Instant.now().toString())
                .put("visibility", request.path("visibility").asText("public"))
                .put("uri", baseUrl() + "/users/brand/statuses/" + id).put("url", baseUrl() + "/@brand/" + id)
                .put("content", "<p>" + text + "</p>");
        status.put("text", text);
        statuses.add(status);
        return status;
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("<") ? "text/html" : "application/json; charset=utf-8");
        try {
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client was killed while we answered: the status is stored all the same
        } finally {
            exchange.close();
        }
    }

    /** Statuses created (each Idempotency-Key once). */
    List<ObjectNode> statuses() {
        synchronized (statuses) {
            return List.copyOf(statuses);
        }
    }

    /** What the network holds: its statuses, the first status id per text, and how many statuses repeat a text. */
    record Received(List<ObjectNode> statuses, Map<String, String> statusIdByText, int duplicateTexts) {
    }

    Received received() {
        List<ObjectNode> all = statuses();
        Map<String, String> idByText = new java.util.HashMap<>();
        int duplicates = 0;
        for (ObjectNode s : all) {
            if (idByText.putIfAbsent(s.path("text").asText(), s.path("id").asText()) != null) {
                duplicates++;
            }
        }
        return new Received(all, idByText, duplicates);
    }

    int created() {
        return statuses.size();
    }

    int statusRequests() {
        return statusRequests.get();
    }

    int instanceRequests() {
        return instanceRequests.get();
    }

    int unavailableAnswers() {
        return unavailableAnswers.get();
    }

    Set<String> keysAnsweredUnavailable() {
        return Set.copyOf(keysAnsweredUnavailable);
    }

    /** Keys sent again after their status was created: answered with that status, nothing new created. */
    Set<String> replayedKeys() {
        return Set.copyOf(replayedKeys);
    }

    /** Keys whose status is stored but whose answer has not been sent yet. */
    Set<String> answerPending() {
        return Set.copyOf(answerPending);
    }

    @Override
    public void close() {
        release();
        stop();
    }
}
