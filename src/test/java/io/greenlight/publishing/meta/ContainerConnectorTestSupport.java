package io.greenlight.publishing.meta;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.publishing.ConnectorTestSupport;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.PublishRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A test of a {@link MediaContainerConnector} against a loopback stub of its Graph API: the network's answers to a
 * container's status ({@code GET /{container-id}?fields=<status>,<detail>}) and to {@code POST /{user-id}/<publish>
 * creation_id} (→ {@code {"id"}}), Graph errors, and the form fields of what the connector sent.
 */
public abstract class ContainerConnectorTestSupport extends ConnectorTestSupport {

    /**
     * The stubbed network: {@code version} the path prefix (e.g. {@code /v24.0}), {@code publish} the publish edge's
     * path, {@code token} the credentials of {@link #request(MediaAttachment...)}, {@code statusField} and
     * {@code detailField} the names of a container's status and its reason.
     */
    public record Graph(String version, String publish, String token, String statusField, String detailField) {
    }

    private final Graph graph;

    protected ContainerConnectorTestSupport(Graph graph) {
        this.graph = graph;
    }

    /** A container's status answer: {@code {"<status>": code, "<detail>": detail, "id"}} (no detail where it is null). */
    protected String status(String id, String code, String detail) {
        return "{\"" + graph.statusField() + "\":\"" + code + "\"" + (detail == null ? "" : ",\"" + graph.detailField() + "\":\"" + detail + "\"")
                + ",\"id\":\"" + id + "\"}";
    }

    /** The container {@code id} answers its status with {@code code} (and {@code detail}). */
    protected void containerStatus(String id, String code, String detail) {
        server.stubFor(get(urlPathEqualTo(graph.version() + "/" + id))
                .withQueryParam("fields", equalTo(graph.statusField() + "," + graph.detailField()))
                .willReturn(okJson(status(id, code, detail))));
    }

    /** Publishing {@code container} gives the post {@code postId}. */
    protected void publishes(String container, String postId) {
        server.stubFor(post(graph.publish()).withRequestBody(containing("creation_id=" + container))
                .willReturn(okJson("{\"id\":\"" + postId + "\"}")));
    }

    /** The container {@code id} answers IN_PROGRESS (with {@code detail}) to the first status read, FINISHED after. */
    protected void inProgressOnce(String id, String detail) {
        String path = graph.version() + "/" + id;
        server.stubFor(get(urlPathEqualTo(path)).inScenario("processing " + id).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status(id, "IN_PROGRESS", detail))).willSetStateTo("processed"));
        server.stubFor(get(urlPathEqualTo(path)).inScenario("processing " + id).whenScenarioStateIs("processed")
                .willReturn(okJson(status(id, "FINISHED", null))));
    }

    /**
     * The FINISHED container {@code id} is published as {@code postId}, but the answer comes after the connector's
     * read timeout; from then on the container's status is PUBLISHED.
     */
    protected void publishAnswersTooLate(String id, String postId) {
        String path = graph.version() + "/" + id;
        server.stubFor(get(urlPathEqualTo(path)).inScenario("publish").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status(id, "FINISHED", null))));
        server.stubFor(post(graph.publish()).inScenario("publish").willReturn(okJson("{\"id\":\"" + postId + "\"}")
                .withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)).willSetStateTo("published"));
        server.stubFor(get(urlPathEqualTo(path)).inScenario("publish").whenScenarioStateIs("published")
                .willReturn(okJson(status(id, "PUBLISHED", null))));
    }

    /** {@code GET /{user-id}/<quota>} → {@code {"data":[{"quota_usage","config":{"quota_total","quota_duration"}}]}}. */
    protected void quota(String path, int used, int total) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"data\":[{\"quota_usage\":" + used
                + ",\"config\":{\"quota_total\":" + total + ",\"quota_duration\":86400}}]}")));
    }

    /** {@code GET /{media-id}?fields=permalink} → {@code {"permalink","id"}}. */
    protected void permalink(String postId, String url) {
        server.stubFor(get(urlPathEqualTo(graph.version() + "/" + postId)).withQueryParam("fields", equalTo("permalink"))
                .willReturn(okJson("{\"permalink\":\"" + url + "\",\"id\":\"" + postId + "\"}")));
    }

    /** What the publish job sends for {@link #post} with these attachments. */
    protected PublishRequest request(MediaAttachment... media) {
        return ConnectorFixtures.request(channel, graph.token(), post, false, media);
    }

    /** A Graph API error body: {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}. */
    protected static String graphError(String message, int code, Integer subcode) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"AbC1\"}}";
    }

    /** The form fields of a logged request. */
    protected static Map<String, List<String>> form(LoggedRequest request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }
}
