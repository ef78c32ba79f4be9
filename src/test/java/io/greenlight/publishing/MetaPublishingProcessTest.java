package io.greenlight.publishing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.greenlight.asset.AssetAttachments;
import io.greenlight.asset.AssetService;
import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantContent;
import io.greenlight.post.VariantStatus;
import io.greenlight.publishing.metrics.VariantMetric;
import io.greenlight.publishing.metrics.VariantMetricRepository;
import io.greenlight.publishing.recall.PostRecalls;
import io.greenlight.publishing.recall.VariantRecall;
import io.greenlight.publishing.recall.VariantRecallRepository;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instagram and Threads through the whole publish step, against a loopback stub of Meta's APIs: the approved image
 * goes out as a signed, expiring link on {@code greenlight.base-url} that serves exactly that file; a container still
 * processing fails the job retryably, its id stays on the publish intent and the retry publishes that container (one
 * container, one publish); a refused token (400, code 190) is an incident at once; a Threads post's insights are its
 * metrics, and a recall deletes it.
 */
class MetaPublishingProcessTest extends PublishingTestSupport {

    static final String IG = "17841405822304914";
    static final String THREADS_USER = "26000000000000001";
    static WireMockServer stub;

    @Autowired AssetService assets;
    @Autowired AssetAttachments attachments;
    @Autowired PostRecalls postRecalls;
    @Autowired VariantRecallRepository recalls;
    @Autowired VariantMetricRepository readings;

    @BeforeAll
    static void startStub() {
        stub = ConnectorFixtures.startServer();
    }

    @AfterAll
    static void stopStub() {
        stub.stop();
    }

    @BeforeEach
    void resetStub() {
        stub.resetAll();
        stub.stubFor(get(urlPathEqualTo("/v24.0/" + IG + "/content_publishing_limit")).willReturn(okJson(
                "{\"data\":[{\"quota_usage\":1,\"config\":{\"quota_total\":50,\"quota_duration\":86400}}]}")));
        stub.stubFor(get(urlPathEqualTo("/v1.0/" + THREADS_USER + "/threads_publishing_limit")).willReturn(okJson(
                "{\"data\":[{\"quota_usage\":1,\"config\":{\"quota_total\":250,\"quota_duration\":86400}}]}")));
    }

    static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, ThreadLocalRandom.current().nextInt(0xFFFFFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    private ResponseEntity<byte[]> fetch(String pathAndQuery) {
        return RestClient.create().get().uri(URI.create("http://localhost:" + port + pathAndQuery)).retrieve()
                .onStatus(HttpStatusCode::isError, (req, res) -> { }).toEntity(byte[].class);
    }

    private void containerIs(String path, String status) {
        stub.stubFor(get(urlPathEqualTo(path)).withQueryParam("fields", equalTo("status_code,status"))
                .willReturn(okJson("{\"status_code\":\"" + status + "\",\"id\":\"c\"}")));
    }

    @Test
    void anInstagramImageGoesOutFromItsSignedLinkOnceThoughItsContainerWasStillProcessing() throws IOException {
        Channel ig = channel("INSTAGRAM", stub.baseUrl(), IG, "page-token");
        byte[] bytes = jpeg();
        Long asset = assets.upload(CREATOR, "tent.jpg", bytes, new AssetService.Description("A red tent", null, null)).getId();
        Post post = newPost(null, new VariantContent(ig.getKey(), "Camping season #outdoors", null));
        attachments.attach(post.getId(), Map.of(ig.getKey(), List.of(asset)));
        stub.stubFor(post("/v24.0/" + IG + "/media").willReturn(okJson("{\"id\":\"18000000000000011\"}")));
        containerIs("/v24.0/18000000000000011", "IN_PROGRESS");
        stub.stubFor(post("/v24.0/" + IG + "/media_publish").willReturn(okJson("{\"id\":\"17900000000000011\"}")));
        stub.stubFor(get(urlPathEqualTo("/v24.0/17900000000000011")).willReturn(okJson(
                "{\"permalink\":\"https://www.instagram.com/p/DTent/\",\"id\":\"17900000000000011\"}")));
        String instance = submitAndApprove(post);

        List<String> failures = runDueJobs(instance);

        assertThat(failures).hasSize(1).allMatch(m -> m.contains("still processing"));
        PublishIntent intent = intents.findByPostIdOrderByIdAsc(post.getId()).get(0);
        assertThat(intent.getNetworkState()).as("the container id is on the publish intent").contains("18000000000000011");
        assertThat(intent.getState()).isEqualTo(PublishIntent.State.NOT_SENT);
        Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
        assertThat(job.getRetries()).isEqualTo(3);
        assertThat(job.getDuedate()).as("not before a minute").isAfterOrEqualTo(plus(Duration.ofSeconds(60)));
        assertThat(reload(post).variant(ig.getKey()).orElseThrow().getLastError()).contains("still processing");

        // what Instagram was given: a signed, expiring link on the public address that serves exactly that file
        String imageUrl = form(stub.findAll(postRequestedFor(urlEqualTo("/v24.0/" + IG + "/media"))).get(0)).get("image_url");
        assertThat(imageUrl).startsWith("https://greenlight.test/media/signed/" + post.getId() + "/" + ig.getKey() + "/" + asset + ".jpg?expires=");
        String local = imageUrl.substring("https://greenlight.test".length());
        ResponseEntity<byte[]> served = fetch(local);
        assertThat(served.getStatusCode().value()).as("no sign-in").isEqualTo(200);
        assertThat(served.getHeaders().getContentType()).hasToString("image/jpeg");
        assertThat(served.getBody()).isEqualTo(bytes);
        assertThat(fetch(local.replaceAll("signature=[^&]+", "signature=AAAA")).getStatusCode().value()).isEqualTo(404);
        assertThat(fetch(local.replace("/" + asset + ".jpg", "/" + (asset + 1) + ".jpg")).getStatusCode().value()).isEqualTo(404);
        assertThat(fetch("/assets/" + asset + "/file").getStatusCode().value()).as("the library stays private").isIn(302, 401);

        // the retry, after the back-off: the same container, processed by now, is published
        containerIs("/v24.0/18000000000000011", "FINISHED");
        clockAt(plus(Duration.ofMinutes(2)));
        assertThat(runDueJobs(instance)).isEmpty();

        Post done = reload(post);
        PostVariant variant = done.variant(ig.getKey()).orElseThrow();
        assertThat(done.getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(variant.getExternalId()).isEqualTo("17900000000000011");
        assertThat(variant.getExternalUrl()).isEqualTo("https://www.instagram.com/p/DTent/");
        stub.verify(1, postRequestedFor(urlEqualTo("/v24.0/" + IG + "/media")));
        stub.verify(1, postRequestedFor(urlEqualTo("/v24.0/" + IG + "/media_publish"))
                .withRequestBody(containing("creation_id=18000000000000011")));
        // the link expires
        clockAt(plus(Duration.ofHours(2)));
        assertThat(fetch(local).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aPublishCallThatTimedOutIsLookedUpByTheRetryNotSentAgain() throws IOException {
        Channel ig = channel("INSTAGRAM", stub.baseUrl(), IG, "page-token");
        Long asset = assets.upload(CREATOR, "tent.jpg", jpeg(), null).getId();
        Post post = newPost(null, new VariantContent(ig.getKey(), "Timeout test #outdoors", null));
        attachments.attach(post.getId(), Map.of(ig.getKey(), List.of(asset)));
        stub.stubFor(post("/v24.0/" + IG + "/media").willReturn(okJson("{\"id\":\"18000000000000012\"}")));
        containerIs("/v24.0/18000000000000012", "FINISHED");
        // Instagram publishes it, but the answer arrives after Greenlight's read timeout
        stub.stubFor(post("/v24.0/" + IG + "/media_publish").willReturn(okJson("{\"id\":\"17900000000000012\"}")
                .withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)));
        String instance = submitAndApprove(post);

        assertThat(runDueJobs(instance)).hasSize(1).allMatch(m -> m.contains("did not answer in time"));
        assertThat(intents.findByPostIdOrderByIdAsc(post.getId()).get(0).getState())
                .as("Instagram can be asked: no manager needed").isEqualTo(PublishIntent.State.SENDING);
        assertThat(taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("check-publication").count()).isZero();

        containerIs("/v24.0/18000000000000012", "PUBLISHED");
        stub.stubFor(get(urlPathEqualTo("/v24.0/" + IG + "/media")).willReturn(okJson("{\"data\":[{\"id\":\"17900000000000012\","
                + "\"caption\":\"Timeout test #outdoors\",\"timestamp\":\"" + java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").format(io.greenlight.engine.EngineClock.now()) + "\","
                + "\"permalink\":\"https://www.instagram.com/p/DTimeout/\"}]}")));
        clockAt(plus(Duration.ofMinutes(1)));
        assertThat(runDueJobs(instance)).isEmpty();

        PostVariant variant = reload(post).variant(ig.getKey()).orElseThrow();
        assertThat(variant.getStatus()).isEqualTo(VariantStatus.PUBLISHED);
        assertThat(variant.getExternalId()).isEqualTo("17900000000000012");
        assertThat(variant.getExternalUrl()).isEqualTo("https://www.instagram.com/p/DTimeout/");
        stub.verify(1, postRequestedFor(urlEqualTo("/v24.0/" + IG + "/media")));
        stub.verify(1, postRequestedFor(urlEqualTo("/v24.0/" + IG + "/media_publish")));
    }

    @Test
    void aRefusedInstagramTokenIsAnIncidentAtOnce() throws IOException {
        Channel ig = channel("INSTAGRAM", stub.baseUrl(), IG, "revoked-token");
        Long asset = assets.upload(CREATOR, "tent.jpg", jpeg(), null).getId();
        Post post = newPost(null, new VariantContent(ig.getKey(), "Token test", null));
        attachments.attach(post.getId(), Map.of(ig.getKey(), List.of(asset)));
        stub.stubFor(post("/v24.0/" + IG + "/media").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"Error validating access token: "
                        + "The user has not authorized application 1234.\",\"type\":\"OAuthException\",\"code\":190,"
                        + "\"error_subcode\":458,\"fbtrace_id\":\"AbC\"}}")));
        String instance = submitAndApprove(post);

        assertThat(runDueJobs(instance)).hasSize(1);

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident).as("no retries for a refused token").isNotNull();
        assertThat(incident.getIncidentMessage()).contains("Instagram channel '" + ig.getKey() + "'").contains("code 190")
                .contains("has not authorized application");
        assertThat(reload(post).variant(ig.getKey()).orElseThrow().getStatus()).isEqualTo(VariantStatus.FAILED);
        stub.verify(1, postRequestedFor(urlEqualTo("/v24.0/" + IG + "/media")));
    }

    @Test
    void aThreadsTextPostIsPublishedAndARecallDeletesIt() {
        Channel threads = channel("THREADS", stub.baseUrl(), THREADS_USER, "threads-token");
        stub.stubFor(post("/v1.0/" + THREADS_USER + "/threads").willReturn(okJson("{\"id\":\"17990000000000021\"}")));
        stub.stubFor(get(urlPathEqualTo("/v1.0/17990000000000021")).willReturn(okJson("{\"status\":\"FINISHED\",\"id\":\"17990000000000021\"}")));
        stub.stubFor(post("/v1.0/" + THREADS_USER + "/threads_publish").willReturn(okJson("{\"id\":\"18050000000000021\"}")));
        stub.stubFor(get(urlPathEqualTo("/v1.0/18050000000000021")).willReturn(okJson(
                "{\"permalink\":\"https://www.threads.net/@brand/post/DWinter\",\"id\":\"18050000000000021\"}")));
        stub.stubFor(delete("/v1.0/18050000000000021").willReturn(okJson("{\"success\":true,\"deleted_id\":\"18050000000000021\"}")));
        Post post = newPost(null, new VariantContent(threads.getKey(), "Winter is here 🧣", null));
        String instance = submitAndApprove(post);

        assertThat(runDueJobs(instance)).isEmpty();
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(form(stub.findAll(postRequestedFor(urlEqualTo("/v1.0/" + THREADS_USER + "/threads"))).get(0)))
                .containsEntry("media_type", "TEXT").containsEntry("text", "Winter is here 🧣");

        // the post-metrics reading an hour later comes from the post's insights
        stub.stubFor(get(urlPathEqualTo("/v1.0/18050000000000021/insights")).withQueryParam("metric", equalTo("likes,replies,reposts"))
                .willReturn(okJson("{\"data\":[{\"name\":\"likes\",\"period\":\"lifetime\",\"values\":[{\"value\":40}]},"
                        + "{\"name\":\"replies\",\"period\":\"lifetime\",\"values\":[{\"value\":5}]},"
                        + "{\"name\":\"reposts\",\"period\":\"lifetime\",\"values\":[{\"value\":2}]}]}")));
        clockAt(plus(Duration.ofMinutes(61)));
        sweepMetrics();
        VariantMetric hour = readings.findByPostIdAndChannelAndReading(post.getId(), threads.getKey(), "1h").orElseThrow();
        assertThat(List.of(hour.getLikes(), hour.getReposts(), hour.getReplies())).containsExactly(40, 2, 5);

        postRecalls.request(MANAGER, post.getId(), "Posted too early");
        String recall = runtimeService.createProcessInstanceQuery().processDefinitionKey(PostRecalls.PROCESS)
                .processInstanceBusinessKey(post.getId()).singleResult().getId();
        assertThat(runDueJobs(recall)).isEmpty();

        stub.verify(1, deleteRequestedFor(urlEqualTo("/v1.0/18050000000000021")).withHeader("Authorization", equalTo("Bearer threads-token")));
        assertThat(recalls.findByPostIdAndChannel(post.getId(), threads.getKey()).orElseThrow().getState())
                .isEqualTo(VariantRecall.State.DELETED);
    }

    @Test
    void theComposerAndValidatePostSayWhichImageTypesEachNetworkTakes() throws IOException {
        Channel ig = channel("INSTAGRAM", stub.baseUrl(), IG, "page-token");
        Channel threads = channel("THREADS", stub.baseUrl(), THREADS_USER, "threads-token");
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, ThreadLocalRandom.current().nextInt(0xFFFFFF));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Long asset = assets.upload(CREATOR, "scarf.png", png.toByteArray(), null).getId();

        assertThat(attachments.problems(null, Map.of(ig.getKey(), List.of(asset))))
                .containsExactly("media: scarf.png is image/png; INSTAGRAM takes only JPEG images.");
        assertThat(attachments.problems(null, Map.of(threads.getKey(), List.of(asset)))).isEmpty();
        assertThat(attachments.problems(null, Map.of(ig.getKey(), List.of()))).as("Instagram needs media")
                .singleElement().asString().contains("needs an image or a video");
    }

    @Test
    void threadsCountsEmojiByTheirBytesAndAtMostFiveDistinctLinks() {
        Channel threads = channel("THREADS", null, null, null);
        // 496 letters + a scarf emoji (4 bytes) = 500: fits; one more letter does not
        Reply fits = call("creator", "POST", "/api/channels/count", Map.of("text", "a".repeat(496) + "🧣", "channels", List.of(threads.getKey())));
        assertThat(fits.json().path("channels").path(0).path("unit").asText()).isEqualTo("EMOJI_BYTES");
        assertThat(fits.json().path("channels").path(0).path("used").asInt()).isEqualTo(500);
        assertThat(fits.json().path("channels").path(0).path("violations")).isEmpty();
        Reply over = call("creator", "POST", "/api/channels/count", Map.of("text", "é" + "a".repeat(496) + "🧣", "channels", List.of(threads.getKey())));
        assertThat(over.json().path("channels").path(0).path("used").asInt()).as("é is one character, not two bytes").isEqualTo(501);
        assertThat(over.json().path("channels").path(0).path("violations").path(0).path("rule").asText()).isEqualTo("length");

        List<String> links = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            links.add("https://example.com/" + i);
        }
        String five = String.join(" ", links) + " " + links.get(0);
        assertThat(call("creator", "POST", "/api/channels/count", Map.of("text", five, "channels", List.of(threads.getKey())))
                .json().path("channels").path(0).path("violations")).as("the same link twice counts once").isEmpty();
        Reply six = call("creator", "POST", "/api/channels/count", Map.of("text", five, "link", "https://example.com/6",
                "channels", List.of(threads.getKey())));
        assertThat(six.json().path("channels").path(0).path("violations").path(0).path("rule").asText()).isEqualTo("links");
    }
}
