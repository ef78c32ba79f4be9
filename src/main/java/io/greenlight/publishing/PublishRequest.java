package io.greenlight.publishing;

import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import io.greenlight.post.PostVariant;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One attempt to publish a variant.
 *
 * @param credentials      the channel's decrypted token / app password / secret (null when none is stored)
 * @param idempotencyKey   stable per (post, channel, content version): the same on every retry and after a restart
 * @param recordKey        a Bluesky TID derived from the intent, the same on every retry
 * @param earlierAttemptUnresolved an earlier attempt may have reached the network (crash or unknown outcome)
 * @param firstAttemptAt   when the intent was first recorded
 * @param media            images (or a video) to attach, in display order ({@link VariantMedia}); never null
 * @param progress         what earlier attempts of this publication stored ({@link PublishProgress}); never null
 */
public record PublishRequest(Channel channel, String credentials, Post post, PostVariant variant, String idempotencyKey,
                             String recordKey, boolean earlierAttemptUnresolved, OffsetDateTime firstAttemptAt,
                             List<MediaAttachment> media, PublishProgress progress) {

    public PublishRequest {
        media = media == null ? List.of() : List.copyOf(media);
        progress = progress == null ? PublishProgress.inMemory() : progress;
    }

    /** An attempt whose progress lives in this request only. */
    public PublishRequest(Channel channel, String credentials, Post post, PostVariant variant, String idempotencyKey,
                          String recordKey, boolean earlierAttemptUnresolved, OffsetDateTime firstAttemptAt,
                          List<MediaAttachment> media) {
        this(channel, credentials, post, variant, idempotencyKey, recordKey, earlierAttemptUnresolved, firstAttemptAt,
                media, null);
    }

    /** A text-only attempt. */
    public PublishRequest(Channel channel, String credentials, Post post, PostVariant variant, String idempotencyKey,
                          String recordKey, boolean earlierAttemptUnresolved, OffsetDateTime firstAttemptAt) {
        this(channel, credentials, post, variant, idempotencyKey, recordKey, earlierAttemptUnresolved, firstAttemptAt, List.of());
    }

    public PublishRequest withMedia(List<MediaAttachment> attachments) {
        return new PublishRequest(channel, credentials, post, variant, idempotencyKey, recordKey, earlierAttemptUnresolved,
                firstAttemptAt, attachments, progress);
    }

    /** The same attempt with what earlier attempts of the publication stored. */
    public PublishRequest withProgress(PublishProgress stored) {
        return new PublishRequest(channel, credentials, post, variant, idempotencyKey, recordKey, earlierAttemptUnresolved,
                firstAttemptAt, media, stored);
    }

    /** The next attempt after this one failed without a known outcome: same keys, same progress. */
    public PublishRequest retried() {
        return new PublishRequest(channel, credentials, post, variant, idempotencyKey, recordKey, true,
                firstAttemptAt, media, progress);
    }

    /** The text as the networks that append the link receive it. */
    public String textWithLink() {
        String text = variant.getText();
        String link = variant.getLink();
        if (link == null || link.isBlank() || text.contains(link)) {
            return text;
        }
        return text + "\n\n" + link;
    }
}
