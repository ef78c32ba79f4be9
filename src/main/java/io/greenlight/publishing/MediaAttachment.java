package io.greenlight.publishing;

/**
 * One image (or video) to publish with a channel variant.
 *
 * @param fileName  file name as uploaded (sent to networks that want one)
 * @param mimeType  e.g. {@code image/png}
 * @param bytes     the file
 * @param altText   description for people who cannot see the image (Bluesky and Mastodon show it); may be null
 * @param publicUrl where the network can fetch the file itself: a signed link on {@code greenlight.base-url} that
 *                  expires (Instagram and Threads take media by URL, not upload); null while Greenlight has no public
 *                  address
 */
public record MediaAttachment(String fileName, String mimeType, byte[] bytes, String altText, String publicUrl) {

    /** An attachment the network receives as bytes only. */
    public MediaAttachment(String fileName, String mimeType, byte[] bytes, String altText) {
        this(fileName, mimeType, bytes, altText, null);
    }

    public boolean isVideo() {
        return mimeType != null && mimeType.startsWith("video/");
    }

    public boolean isImage() {
        return mimeType != null && mimeType.startsWith("image/");
    }
}
