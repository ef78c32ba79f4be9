package io.greenlight.web;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The API describes itself, publicly, as OpenAPI JSON. */
class OpenApiTest extends ApiTestSupport {

    @Test
    void apiDocsDescribeTheApi() {
        Http.Response docs = http.get(null, "/v3/api-docs").expect(200);
        assertThat(docs.headers().getContentType()).isNotNull();
        assertThat(docs.headers().getContentType().getSubtype()).contains("json");
        JsonNode json = docs.json();
        assertThat(json.path("openapi").asText()).startsWith("3.");
        JsonNode paths = json.path("paths");
        assertThat(paths.has("/api/posts")).as("paths: %s", paths.fieldNames()).isTrue();
        assertThat(paths.path("/api/posts").has("post")).isTrue();
        assertThat(paths.has("/api/posts/{id}/submit")).isTrue();
        assertThat(paths.has("/api/tasks/{id}/complete")).isTrue();
        // only our API, not the engine's or the pages
        paths.fieldNames().forEachRemaining(p -> assertThat(p).startsWith("/api/"));
    }
}
