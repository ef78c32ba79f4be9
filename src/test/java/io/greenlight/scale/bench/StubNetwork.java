package io.greenlight.scale.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A social network on loopback that answers every publish after {@code delayMillis} (100 ms in the benchmark),
 * with as many parallel requests as anyone sends. Records when each post first arrived: that is the moment
 * the post went out, as the network sees it.
 */
public final class StubNetwork implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Instant> firstArrival = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public StubNetwork(int port, long delayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.createContext("/publish", exchange -> {
            Instant arrived = Instant.now();
            String postId = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
            requests.incrementAndGet();
            firstArrival.putIfAbsent(postId, arrived);
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"id\":\"stub-" + postId + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/publish";
    }

    public Map<String, Instant> firstArrival() {
        return firstArrival;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
