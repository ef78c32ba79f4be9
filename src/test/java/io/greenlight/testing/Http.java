package io.greenlight.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP against the running server: Spring's {@link RestClient} on the JDK client, never throwing on 4xx,
 * never following redirects. Every answer is checked for the rules that hold everywhere: no 5xx, and on
 * {@code /api} no stack trace in the body.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final RestClient client;

    public Http(int port) {
        this.client = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER).build()))
                .build();
    }

    /** Demo users' password is their name. */
    public Response get(String user, String path) {
        return send(HttpMethod.GET, path, user, user, null, Map.of());
    }

    public Response post(String user, String path, String jsonBody) {
        return send(HttpMethod.POST, path, user, user, jsonBody, Map.of());
    }

    public Response put(String user, String path, String jsonBody) {
        return send(HttpMethod.PUT, path, user, user, jsonBody, Map.of());
    }

    public Response send(HttpMethod method, String path, String user, String password, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (user != null) {
            all.put(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            all.putIfAbsent(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        }
        return raw(method, path, body, all);
    }

    /** A request with exactly these headers (cookies, CSRF token, form bodies…). */
    public Response raw(HttpMethod method, String path, String body, Map<String, String> headers) {
        RestClient.RequestBodySpec spec = client.method(method).uri(path).headers(h -> headers.forEach(h::set));
        if (body != null) {
            spec.body(body);
        }
        Response response = spec.exchange((request, res) -> new Response(method + " " + path,
                res.getStatusCode().value(), StreamUtils.copyToString(res.getBody(), StandardCharsets.UTF_8),
                res.getHeaders()), true);
        assertThat(response.status()).as("no server error for %s: %s", response.call(), response.body()).isLessThan(500);
        if (path.startsWith("/api")) {
            assertThat(response.body()).as("no stack trace in %s", response.call())
                    .doesNotContain("at io.").doesNotContain("Exception:").doesNotContain("\tat ")
                    .doesNotContain("\"trace\"");
        }
        return response;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(String call, int status, String body, HttpHeaders headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(new java.io.IOException(call + " did not answer JSON: " + body, e));
            }
        }

        /** The problem detail's human message (/api). */
        public String detail() {
            return json().path("detail").asText();
        }

        /** Camunda REST's error message (/engine-rest). */
        public String message() {
            return json().path("message").asText();
        }

        /** Asserts the status, showing the body when it differs. */
        public Response expect(int expected) {
            assertThat(status).as("%s answered %s", call, body).isEqualTo(expected);
            return this;
        }

        /** Asserts a JSON problem detail with this status and a human message. */
        public Response expectProblem(int expected) {
            expect(expected);
            assertThat(headers.getContentType()).as("%s content type", call).isNotNull();
            assertThat(headers.getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("%s answers application/problem+json, not %s", call, headers.getContentType()).isTrue();
            JsonNode json = json();
            assertThat(json.path("status").asInt()).as("problem status of %s", call).isEqualTo(expected);
            assertThat(json.path("detail").asText()).as("human message of %s", call).isNotBlank();
            return this;
        }

        @Override
        public String toString() {
            return call + " -> " + status + " " + body;
        }
    }
}
