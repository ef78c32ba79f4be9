package io.greenlight.publishing;

/**
 * One image (or video) to publish with a channel variant.
 *
 * @param fileName file name as uploaded (sent to networks that want one)
 * @param mimeType e.g. {@code image/png}
 * @param bytes    the file
 * @param altText  description for people who cannot see the image (Bluesky and Mastodon show it); may be null
 */
public record MediaAttachment(String fileName, String mimeType, byte[] bytes, String altText) {
}
