package io.greenlight.conversation;

import java.time.OffsetDateTime;

/**
 * One thing someone wrote to us, as any source (local feed comment, Mastodon, Bluesky, the webhook) hands it to the
 * {@link Inbox}. {@code externalId} is unique per channel: the same item received twice is stored once.
 *
 * @param threadKey    the thread it belongs to (the root post's id); null: the item starts its own thread
 * @param rootId       the thread's root (Bluesky: its uri + cid are needed to reply); null when the item is the root
 * @param postId       our post the thread is about, if known
 * @param originalText our original post's text, if known
 */
public record InboundMessage(String channel, String externalId, String externalUri, String threadKey, String rootId,
                             String rootUri, String authorHandle, String authorName, int authorFollowers, String text,
                             String url, String postId, String originalText, String originalUrl, OffsetDateTime receivedAt) {
}
