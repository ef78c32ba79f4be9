package io.greenlight.asset;

import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.VariantMedia;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@link VariantMedia} from the asset library: the files attached to a variant in the composer, in their order. */
@Component
@Primary
public class AssetVariantMedia implements VariantMedia {

    private final AssetAttachments attachments;
    private final AssetService assets;

    public AssetVariantMedia(AssetAttachments attachments, AssetService assets) {
        this.attachments = attachments;
        this.assets = assets;
    }

    @Override
    public List<MediaAttachment> forVariant(String postId, String channelKey) {
        return attachments.attachments(postId, channelKey).stream()
                .map(a -> new MediaAttachment(a.getFileName(), a.getMimeType(), assets.bytes(a), a.getAltText()))
                .toList();
    }
}
