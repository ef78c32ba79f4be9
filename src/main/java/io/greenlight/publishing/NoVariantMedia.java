package io.greenlight.publishing;

import org.springframework.stereotype.Component;

import java.util.List;

/** The default {@link VariantMedia}: no attachments. A {@code @Primary} bean (the asset library) replaces it. */
@Component
public class NoVariantMedia implements VariantMedia {

    @Override
    public List<MediaAttachment> forVariant(String postId, String channelKey) {
        return List.of();
    }
}
