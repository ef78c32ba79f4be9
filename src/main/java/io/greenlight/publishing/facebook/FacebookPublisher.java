package io.greenlight.publishing.facebook;

import io.greenlight.publishing.PublishResult;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.NetworkConnector;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.EngagementCounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.channel.Channel;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Facebook Page through the Graph API with a Page access token: text (and link) with {@code POST /{page-id}/feed}
 * {@code message, link} → {@code {"id": "{page-id}_{post-id}"}}; one image with {@code POST /{page-id}/photos}
 * (multipart {@code source}, {@code message}, {@code alt_text_custom}) → {@code {"id", "post_id"}}; several images are
 * uploaded unpublished ({@code published=false}) and attached to the feed post as {@code attached_media}. The Graph
 * API answers errors as {@code {"error": {"message", "type", "code"}}}: code 190 is an expired or revoked token,
 * codes 4, 17, 32 and 613 are rate limits. No idempotency key ({@link Idempotency#NONE}).
 */
@Component
class FacebookPublisher extends NetworkConnector {

    public static final String NETWORK = "FACEBOOK";
    public static final String API = "https://graph.facebook.com";
    /** The Graph API version this connector follows. */
    static final String VERSION = "v21.0";
    static final int MAX_IMAGES = 10;
    private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 613);

    private final ObjectMapper json = new ObjectMapper();

    public FacebookPublisher(NetworkHttp http) {
        super(http, NETWORK, "Facebook", Idempotency.NONE, API);
    }

    @Override
    public PublishResult publish(PublishRequest request) {
        Channel channel = request.channel();
        String what = what(channel);
        requireCredentials(request, "is not connected: connect the Page on the channels page");
        String page = channel.getAccount();
        if (page == null || page.isBlank()) {
            throw PublishException.rejected(what + " needs the Page's id as its account");
        }
        PublishException.requireAtMostMedia(MAX_IMAGES, request.media().size(), what, "Facebook");
        RestClient client = client(channel);
        String message = request.variant().getText();
        String link = request.variant().getLink();
        try {
            if (request.media().size() == 1) {
                MultiValueMap<String, Object> form = photo(request.media().get(0), request.credentials(), true);
                form.add("message", request.textWithLink());
                JsonNode photo = client.post().uri("/" + VERSION + "/{page}/photos", page)
                        .contentType(MediaType.MULTIPART_FORM_DATA).accept(MediaType.APPLICATION_JSON)
                        .body(form).retrieve().body(JsonNode.class);
                String id = photo == null ? "" : photo.path("post_id").asText(photo.path("id").asText(""));
                return result(id, what);
            }
            List<String> photoIds = new ArrayList<>();
            for (MediaAttachment attachment : request.media()) {
                photoIds.add(uploadUnpublished(client, page, attachment, request.credentials(), what));
            }
            MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
            form.add("message", message);
            if (link != null && !link.isBlank()) {
                form.add("link", link);
            }
            for (int i = 0; i < photoIds.size(); i++) {
                form.add("attached_media[" + i + "]", json.writeValueAsString(Map.of("media_fbid", photoIds.get(i))));
            }
            form.add("access_token", request.credentials());
            JsonNode post = client.post().uri("/" + VERSION + "/{page}/feed", page)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON)
                    .body(form).retrieve().body(JsonNode.class);
            return result(post == null ? "" : post.path("id").asText(""), what);
        } catch (PublishException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(what, e, true);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublishResult result(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw PublishException.unknown(what + " answered without a post id", null);
        }
        return new PublishResult(id, "https://www.facebook.com/" + id);
    }

    private String uploadUnpublished(RestClient client, String page, MediaAttachment attachment, String token, String what) {
        try {
            JsonNode photo = client.post().uri("/" + VERSION + "/{page}/photos", page)
                    .contentType(MediaType.MULTIPART_FORM_DATA).accept(MediaType.APPLICATION_JSON)
                    .body(photo(attachment, token, false)).retrieve().body(JsonNode.class);
            String id = photo == null ? "" : photo.path("id").asText("");
            if (id.isEmpty()) {
                throw PublishException.retry(what + ": the photo upload answered without an id", null);
            }
            return id;
        } catch (PublishException e) {
            throw e;
        } catch (RuntimeException e) {
            // an unpublished photo is not a post: nothing is out yet
            throw translate(what + " (photo upload)", e, false);
        }
    }

    private static MultiValueMap<String, Object> photo(MediaAttachment attachment, String token, boolean published) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("source", NetworkHttp.filePart(attachment));
        form.add("published", String.valueOf(published));
        if (attachment.altText() != null && !attachment.altText().isBlank()) {
            form.add("alt_text_custom", attachment.altText());
        }
        form.add("access_token", token);
        return form;
    }

    /** The Graph API's error codes say more than its HTTP status (an expired token is a 400). */
    @Override
    protected PublishException translate(String what, RuntimeException e, boolean sent) {
        if (e instanceof RestClientResponseException r && r.getStatusCode().is4xxClientError()) {
            int code = graphCode(r.getResponseBodyAsString());
            String detail = r.getStatusCode().value() + " " + http.errorText(r.getResponseBodyAsString());
            if (code == 190 || code == 102) {
                return PublishException.rejected(what + " refused the credentials (expired or revoked token?): " + detail);
            }
            if (RATE_LIMIT_CODES.contains(code)) {
                return PublishException.retry(what + " is rate-limited: " + detail,
                        NetworkHttp.retryAfter(r.getResponseHeaders() == null ? null : r.getResponseHeaders().getFirst("Retry-After")));
            }
        }
        return http.translate(what, e, sent);
    }

    private int graphCode(String body) {
        try {
            return json.readTree(body).path("error").path("code").asInt(-1);
        } catch (Exception ex) {
            return -1;
        }
    }

    @Override
    public boolean hasMetrics() {
        return true;
    }

    @Override
    public Optional<EngagementCounts> metrics(Channel channel, String credentials, String externalId) {
        if (credentials == null) {
            return Optional.empty();
        }
        try {
            JsonNode post = client(channel).get()
                    .uri(u -> u.path("/" + VERSION + "/{id}")
                            .queryParam("fields", "{fields}").build(externalId,
                                    "reactions.summary(total_count),comments.summary(total_count),shares"))
                    .header("Authorization", "Bearer " + credentials)
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
            if (post == null) {
                return Optional.empty();
            }
            return Optional.of(new EngagementCounts(post.path("reactions").path("summary").path("total_count").asInt(),
                    post.path("shares").path("count").asInt(), post.path("comments").path("summary").path("total_count").asInt()));
        } catch (RuntimeException e) {
            throw translate(what(channel), e, false);
        }
    }

    /** {@code DELETE /{post-id}} → {@code {"success": true}}. */
    @Override
    public void delete(Channel channel, String credentials, String externalId) {
        deleting(channel, () -> client(channel).delete().uri("/" + VERSION + "/{id}", externalId)
                .header("Authorization", "Bearer " + credentials).retrieve().toBodilessEntity());
    }
}
