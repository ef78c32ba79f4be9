package io.greenlight.publishing.instagram;

import io.greenlight.channel.Channel;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.meta.ContainerApi;
import io.greenlight.publishing.meta.MediaContainerConnector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

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
    private static final ContainerApi CONTAINERS = new ContainerApi(VERSION, "media", "media_publish",
            "content_publishing_limit", "caption", "status_code", "status");
    static final int MAX_ITEMS = 10;
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/jpg");

    InstagramPublisher(NetworkHttp http, @Value("${greenlight.publishing.containers.polls:3}") int polls,
                       @Value("${greenlight.publishing.containers.poll-wait:PT2S}") Duration pollWait) {
        super(http, NETWORK, "Instagram", API, CONTAINERS, polls, pollWait);
    }

    @Override
    protected void check(PublishRequest request, String what) {
        if (request.media().isEmpty()) {
            throw PublishException.rejected(what + ": Instagram posts need an image or a video; attach one in the composer");
        }
        checkMedia(request, what, MAX_ITEMS, IMAGE_TYPES, "JPEG images only");
    }

    /** A video alone is a Reel ({@code REELS}), in a carousel a {@code VIDEO}; alt text is taken for images only. */
    @Override
    protected void media(MultiValueMap<String, String> form, MediaAttachment m, boolean alone) {
        if (m.isVideo()) {
            form.add("media_type", alone ? "REELS" : "VIDEO");
            form.add("video_url", m.publicUrl());
        } else {
            form.add("image_url", m.publicUrl());
            if (m.altText() != null && !m.altText().isBlank()) {
                form.add("alt_text", m.altText());
            }
        }
    }

    @Override
    public boolean hasMetrics() {
        return true;
    }

    /** {@code GET /{ig-media-id}/insights?metric=likes,comments,shares}: likes, shares as reposts, comments as replies. */
    @Override
    public Optional<EngagementCounts> metrics(Channel channel, String credentials, String externalId) {
        return engagement(channel, credentials, externalId, "likes", "comments", "shares");
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
