package io.greenlight.publishing.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.meta.MediaContainerConnector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An Instagram professional account (business or creator, linked to a Facebook Page) through the Instagram API with
 * Facebook Login ({@code graph.facebook.com}), Graph API content publishing ({@link MediaContainerConnector}):
 * <ul>
 *   <li>one image: {@code POST /{ig-user-id}/media} {@code image_url, caption, alt_text} (JPEG only);</li>
 *   <li>a video is a Reel: {@code media_type=REELS, video_url, caption};</li>
 *   <li>2 to 10 images and videos are a carousel: one container per item ({@code is_carousel_item=true}, videos
 *       {@code media_type=VIDEO}), then {@code media_type=CAROUSEL, children, caption};</li>
 *   <li>{@code GET /{container-id}?fields=status_code,status}, {@code POST /{ig-user-id}/media_publish creation_id},
 *       {@code GET /{ig-user-id}/content_publishing_limit} (50 posts per 24 h, also kept in {@code network_rule}).</li>
 * </ul>
 * Instagram downloads every file itself, so each one goes out as a signed, expiring link on {@code greenlight.base-url}
 * ({@link MediaAttachment#publicUrl()}); without a public address nothing can be published. Text-only posts do not
 * exist on Instagram. The caption's link is plain text there (not clickable); hashtags are capped by the rules
 * ({@code network_rule.max_hashtags}, 5). The token is the Page's, which does not expire ({@link InstagramOAuth}).
 * Posts cannot be deleted through the API: a recall asks a manager to delete it in the app.
 */
@Component
class InstagramPublisher extends MediaContainerConnector {

    public static final String NETWORK = "INSTAGRAM";
    public static final String API = "https://graph.facebook.com";
    /** The Graph API version this connector follows. */
    static final String VERSION = "v24.0";
    static final int MAX_ITEMS = 10;

    InstagramPublisher(NetworkHttp http, @Value("${greenlight.publishing.containers.polls:3}") int polls,
                       @Value("${greenlight.publishing.containers.poll-wait:PT2S}") Duration pollWait) {
        super(http, NETWORK, "Instagram", API, polls, pollWait);
    }

    @Override
    protected String version() {
        return VERSION;
    }

    @Override
    protected String containersEdge() {
        return "media";
    }

    @Override
    protected String publishEdge() {
        return "media_publish";
    }

    @Override
    protected String quotaEdge() {
        return "content_publishing_limit";
    }

    @Override
    protected String textField() {
        return "caption";
    }

    @Override
    protected String statusFields() {
        return "status_code,status";
    }

    /** {@code {"status_code": "ERROR", "status": "Error: 2207026 …", "id"}}. */
    @Override
    protected Status status(JsonNode container) {
        String detail = container.path("status").asText("");
        return new Status(container.path("status_code").asText(""), detail.isEmpty() ? null : detail);
    }

    @Override
    protected void check(PublishRequest request, String what) {
        if (request.media().isEmpty()) {
            throw PublishException.rejected(what + ": Instagram posts need an image or a video; attach one in the composer");
        }
        if (request.media().size() > MAX_ITEMS) {
            throw PublishException.rejected(what + ": an Instagram carousel takes at most " + MAX_ITEMS
                    + " images and videos, the post has " + request.media().size());
        }
        for (MediaAttachment m : request.media()) {
            if (m.publicUrl() == null) {
                throw PublishException.rejected(what + ": Instagram downloads the media from Greenlight, which needs a "
                        + "public address: set greenlight.base-url to it (the channels page says why), then retry");
            }
            if (!m.isVideo() && !isJpeg(m)) {
                throw PublishException.rejected(what + ": Instagram takes JPEG images only; " + m.fileName() + " is "
                        + m.mimeType());
            }
        }
    }

    private static boolean isJpeg(MediaAttachment m) {
        String type = m.mimeType() == null ? "" : m.mimeType().toLowerCase(Locale.ROOT);
        return type.equals("image/jpeg") || type.equals("image/jpg");
    }

    @Override
    protected MultiValueMap<String, String> single(PublishRequest request, String text) {
        MediaAttachment m = request.media().get(0);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (m.isVideo()) {
            form.add("media_type", "REELS");
            form.add("video_url", m.publicUrl());
        } else {
            form.add("image_url", m.publicUrl());
            altText(form, m);
        }
        if (text != null && !text.isBlank()) {
            form.add("caption", text);
        }
        return form;
    }

    @Override
    protected MultiValueMap<String, String> item(MediaAttachment m) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("is_carousel_item", "true");
        if (m.isVideo()) {
            form.add("media_type", "VIDEO");
            form.add("video_url", m.publicUrl());
        } else {
            form.add("image_url", m.publicUrl());
            altText(form, m);
        }
        return form;
    }

    /** Alt text is taken for images (not for Reels or videos). */
    private static void altText(MultiValueMap<String, String> form, MediaAttachment m) {
        if (m.altText() != null && !m.altText().isBlank()) {
            form.add("alt_text", m.altText());
        }
    }

    /** {@code GET /{ig-media-id}/insights?metric=likes,comments,shares}: likes, shares as reposts, comments as replies. */
    @Override
    public Optional<EngagementCounts> metrics(Channel channel, String credentials, String externalId) {
        if (credentials == null) {
            return Optional.empty();
        }
        Map<String, Integer> values = insights(channel, credentials, externalId, "likes,comments,shares");
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EngagementCounts(values.get("likes"), values.get("shares"), values.get("comments")));
    }

    /** The Instagram API cannot delete posts: a recall asks a manager to delete it in the Instagram app. */
    @Override
    public boolean canDelete() {
        return false;
    }

    @Override
    public void delete(Channel channel, String credentials, String externalId) {
        throw new UnsupportedOperationException("Instagram posts cannot be deleted through the API: delete it in the Instagram app");
    }
}
