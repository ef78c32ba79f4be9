package io.greenlight.publishing;

import java.util.List;

/**
 * The media attached to a post's variant for one channel, in the order they are shown. The asset library provides
 * the real bean (marked {@code @Primary}); without it {@link NoVariantMedia} publishes text only.
 */
public interface VariantMedia {

    /**
     * @param postId     the post's id ({@code Post.getId()}, a UUID string: post ids are not numbers)
     * @param channelKey the channel the variant is for
     * @return the attachments in display order, empty for a text-only post (never null)
     */
    List<MediaAttachment> forVariant(String postId, String channelKey);
}
