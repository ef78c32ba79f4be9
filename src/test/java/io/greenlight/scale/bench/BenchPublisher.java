package io.greenlight.scale.bench;

import io.greenlight.post.Post;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.Publisher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The connector of the benchmark's network {@code BENCH}: one blocking HTTP call to the {@link StubNetwork}. */
public class BenchPublisher implements Publisher {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final StubNetwork stub;

    public BenchPublisher(StubNetwork stub) {
        this.stub = stub;
    }

    @Override
    public String network() {
        return "BENCH";
    }

    @Override
    public PublishResult publish(PublishRequest request) {
        Post post = request.post();
        send(post.getId());
        return new PublishResult("stub-" + post.getId(), stub.url() + "#" + post.getId());
    }

    /** The same call without a thread waiting for it (the batched reference's publish step). */
    java.util.concurrent.CompletableFuture<Void> sendAsync(String id) {
        return http.sendAsync(request(id), HttpResponse.BodyHandlers.discarding())
                .thenAccept(r -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("stub answered " + r.statusCode());
                    }
                });
    }

    /** One blocking call to the stub with this id (also the naive-model reference's whole publish step). */
    void send(String id) {
        try {
            HttpResponse<String> r = http.send(request(id), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("stub answered " + r.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("stub unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String id) {
        return HttpRequest.newBuilder(URI.create(stub.url())).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(id)).build();
    }
}
