package io.greenlight.publishing.linkedin;

import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.NetworkConnector;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.MediaAttachment;
import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.channel.LittleText;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LinkedIn Posts API ({@code POST /rest/posts}, headers {@code LinkedIn-Version} and
 * {@code X-Restli-Protocol-Version: 2.0.0}, OAuth 2.0 token with {@code w_member_social} or
 * {@code w_organization_social}). The author is the channel's account, a URN ({@code urn:li:organization:…} or
 * {@code urn:li:person:…}). The text goes out as "little text", reserved characters escaped ({@link LittleText}).
 * 201 with the post's URN in {@code x-restli-id}. Images: {@code POST /rest/images?action=initializeUpload}, a
 * {@code PUT} of the bytes to the returned {@code uploadUrl}, then {@code content.media} (one) or
 * {@code content.multiImage} (2-9) with alt texts. LinkedIn has no idempotency key ({@link Idempotency#NONE}).
 */
@Component
class LinkedInPublisher extends NetworkConnector {

    public static final String NETWORK = "LINKEDIN";
    public static final String API = "https://api.linkedin.com";
    /** The Posts API version this connector follows (YYYYMM). */
    static final String VERSION = "202411";
    static final int MAX_IMAGES = 9;

    public LinkedInPublisher(NetworkHttp http) {
        super(http, NETWORK, "LinkedIn", Idempotency.NONE, API);
    }

    @Override
    public PublishResult publish(PublishRequest request) {
        Channel channel = request.channel();
        String what = what(channel);
        requireCredentials(request, "is not connected: connect the account on the channels page");
        String author = channel.getAccount();
        if (author == null || !author.startsWith("urn:li:")) {
            throw PublishException.rejected(what + " needs its author as an account URN (urn:li:organization:… or urn:li:person:…)");
        }
        PublishException.requireAtMostMedia(MAX_IMAGES, request.media().size(), what, "LinkedIn");
        RestClient client = client(channel);
        List<Map<String, Object>> images = new ArrayList<>();
        for (MediaAttachment attachment : request.media()) {
            String urn = upload(client, request.credentials(), author, attachment, what);
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("id", urn);
            if (attachment.altText() != null && !attachment.altText().isBlank()) {
                image.put("altText", attachment.altText());
            }
            images.add(image);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("author", author);
        body.put("commentary", LittleText.escape(request.textWithLink()));
        body.put("visibility", "PUBLIC");
        body.put("distribution", Map.of("feedDistribution", "MAIN_FEED", "targetEntities", List.of(),
                "thirdPartyDistributionChannels", List.of()));
        if (images.size() == 1) {
            body.put("content", Map.of("media", images.get(0)));
        } else if (images.size() > 1) {
            body.put("content", Map.of("multiImage", Map.of("images", images)));
        }
        body.put("lifecycleState", "PUBLISHED");
        body.put("isReshareDisabledByAuthor", false);
        try {
            ResponseEntity<Void> created = client.post().uri("/rest/posts")
                    .headers(h -> headers(h, request.credentials()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body).retrieve().toBodilessEntity();
            String urn = created.getHeaders().getFirst("x-restli-id");
            if (urn == null || urn.isBlank()) {
                throw PublishException.unknown(what + " answered without the post's id (x-restli-id)", null);
            }
            return new PublishResult(urn, "https://www.linkedin.com/feed/update/" + urn + "/");
        } catch (RuntimeException e) {
            throw http.translate(what, e, true);
        }
    }

    private String upload(RestClient client, String token, String owner, MediaAttachment attachment, String what) {
        try {
            JsonNode init = client.post().uri("/rest/images?action=initializeUpload")
                    .headers(h -> headers(h, token))
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .body(Map.of("initializeUploadRequest", Map.of("owner", owner)))
                    .retrieve().body(JsonNode.class);
            JsonNode value = init == null ? null : init.path("value");
            String uploadUrl = value == null ? "" : value.path("uploadUrl").asText("");
            String image = value == null ? "" : value.path("image").asText("");
            if (uploadUrl.isEmpty() || image.isEmpty()) {
                throw PublishException.retry(what + ": initializeUpload answered without uploadUrl or image", null);
            }
            client.put().uri(URI.create(uploadUrl))
                    .header("Authorization", "Bearer " + token)
                    .contentType(NetworkHttp.mediaType(attachment))
                    .body(attachment.bytes()).retrieve().toBodilessEntity();
            return image;
        } catch (RuntimeException e) {
            throw http.translate(what + " (image upload)", e, false);
        }
    }

    private static void headers(org.springframework.http.HttpHeaders h, String token) {
        h.setBearerAuth(token);
        h.set("LinkedIn-Version", VERSION);
        h.set("X-Restli-Protocol-Version", "2.0.0");
    }

    /** {@code DELETE /rest/posts/{url-encoded URN}} → 204. */
    @Override
    public void delete(Channel channel, String credentials, String externalId) {
        deleting(channel, () -> client(channel).delete()
                .uri(URI.create(NetworkHttp.stripSlash(apiOf(channel)) + "/rest/posts/"
                        + java.net.URLEncoder.encode(externalId, java.nio.charset.StandardCharsets.UTF_8)))
                .headers(h -> headers(h, credentials)).retrieve().toBodilessEntity());
    }
}
