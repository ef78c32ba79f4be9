package io.greenlight.post;

import java.util.List;
import java.util.Map;

/**
 * The library files attached to each channel's variant of a post, described for showing them (the review screen, the
 * review form in Tasklist, the feed). Implemented by the asset library; {@link PostAttachments} keeps ids only.
 */
public interface AttachedMedia {

    /** One attached file: {@link #url()} serves it to signed-in users. */
    record Item(long assetId, String fileName, String mimeType, String altText) {

        public String url() {
            return "/assets/" + assetId + "/file";
        }

        public boolean image() {
            return mimeType != null && mimeType.startsWith("image/");
        }

        public boolean video() {
            return mimeType != null && mimeType.startsWith("video/");
        }

        public boolean hasAltText() {
            return altText != null && !altText.isBlank();
        }
    }

    /** Per channel key, in display order; channels without media are left out. */
    Map<String, List<Item>> of(String postId);

    /** A post without any attached file (for callers when no library is present). */
    AttachedMedia NONE = postId -> Map.of();
}
