package io.greenlight.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small JSON client for Greenlight's {@code /api} over real HTTP, with HTTP Basic (password = user name). */
public final class Client {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private Client() {
    }

    public static JsonNode call(String method, String url, String user, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + url + " as " + user + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET a page (or anything) as a user; returns the status code. */
    public static int status(String url, String user) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(180));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user).getBytes(StandardCharsets.UTF_8)));
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates a post for the {@code local} channel, submits it and has {@code reviewer} approve it — create and
     * submit on {@code authorNode}, the review on {@code reviewNode}. Returns the post's id.
     */
    public static String approvedPost(String authorNode, String reviewNode, String author, String title,
                                      String scheduledAt, String channel) {
        var post = JSON.createObjectNode().put("title", title).put("timeZone", "UTC");
        if (scheduledAt != null) {
            post.put("scheduledAt", scheduledAt);
        }
        post.putArray("variants").addObject().put("channel", channel).put("text", title + " — text");
        String id = call("POST", authorNode + "/api/posts", author, post).get("id").asText();
        JsonNode submitted = call("POST", authorNode + "/api/posts/" + id + "/submit", author, null);
        String taskId = submitted.path("currentStages").path(0).path("taskId").asText(null);
        if (taskId == null) {
            taskId = call("GET", reviewNode + "/api/posts/" + id, "reviewer", null)
                    .path("currentStages").path(0).path("taskId").asText();
        }
        call("POST", reviewNode + "/api/tasks/" + taskId + "/claim", "reviewer", null);
        call("POST", reviewNode + "/api/tasks/" + taskId + "/complete", "reviewer",
                JSON.createObjectNode().put("decision", "approve"));
        return id;
    }
}
