package io.greenlight.publishing.threads;

import io.greenlight.channel.Channel;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.meta.ContainerApi;
import io.greenlight.publishing.meta.MediaContainerConnector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A Threads profile through the Threads API ({@code graph.threads.net}, {@link MediaContainerConnector}): create then
 * publish, {@code POST /{threads-user-id}/threads} with
 * <ul>
 *   <li>{@code media_type=TEXT, text} for a text post (its first link becomes the link preview);</li>
 *   <li>{@code media_type=IMAGE, image_url} or {@code VIDEO, video_url}, with {@code text} and {@code alt_text};</li>
 *   <li>2 to 20 items: a container each ({@code is_carousel_item=true}), then {@code media_type=CAROUSEL, children};</li>
 * </ul>
 * then {@code GET /{container-id}?fields=status,error_message} and {@code POST /{threads-user-id}/threads_publish
 * creation_id}. Threads downloads media itself: each file goes out as a signed, expiring link on
 * {@code greenlight.base-url} ({@link MediaAttachment#publicUrl()}). Text is at most 500 characters, each emoji
 * counted by its UTF-8 bytes, with at most 5 links ({@code network_rule}: {@code EMOJI_BYTES}, {@code max_links});
 * 250 posts per 24 h ({@code threads_publishing_limit}, also kept in {@code network_rule}). Posts are deleted with
 * {@code DELETE /{threads-media-id}} (permission {@code threads_delete}).
 */
@Component
class ThreadsPublisher extends MediaContainerConnector {

    public static final String NETWORK = "THREADS";
    public static final String API = "https://graph.threads.net";
    /** The Threads API version this connector follows. */
    static final String VERSION = "v1.0";
    private static final ContainerApi CONTAINERS = new ContainerApi(VERSION, "threads", "threads_publish",
            "threads_publishing_limit", "text", "status", "error_message");
    static final int MAX_ITEMS = 20;
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/jpg", "image/png");

    ThreadsPublisher(NetworkHttp http, @Value("${greenlight.publishing.containers.polls:3}") int polls,
                     @Value("${greenlight.publishing.containers.poll-wait:PT2S}") Duration pollWait) {
        super(http, NETWORK, "Threads", API, CONTAINERS, polls, pollWait);
    }

    @Override
    protected void check(PublishRequest request, String what) {
        checkMedia(request, what, MAX_ITEMS, IMAGE_TYPES, "JPEG and PNG images");
        if (request.media().isEmpty() && (text(request) == null || text(request).isBlank())) {
            throw PublishException.rejected(what + ": a Threads post without media needs text");
        }
    }

    @Override
    protected void media(MultiValueMap<String, String> form, MediaAttachment m, boolean alone) {
        if (m.isVideo()) {
            form.add("media_type", "VIDEO");
            form.add("video_url", m.publicUrl());
        } else {
            form.add("media_type", "IMAGE");
            form.add("image_url", m.publicUrl());
        }
        if (m.altText() != null && !m.altText().isBlank()) {
            form.add("alt_text", m.altText());
        }
    }

    @Override
    public boolean hasMetrics() {
        return true;
    }

    /** {@code GET /{threads-media-id}/insights?metric=likes,replies,reposts}. */
    @Override
    public Optional<EngagementCounts> metrics(Channel channel, String credentials, String externalId) {
        return engagement(channel, credentials, externalId, "likes", "replies", "reposts");
    }

    /** {@code DELETE /{threads-media-id}} → {@code {"success": true, "deleted_id"}}; one already gone counts as deleted. */
    @Override
    public void delete(Channel channel, String credentials, String externalId) {
        deleting(channel, () -> client(channel).delete().uri("/" + VERSION + "/{id}", externalId)
                .header("Authorization", "Bearer " + credentials).accept(MediaType.APPLICATION_JSON)
                .retrieve().toBodilessEntity());
    }
}
