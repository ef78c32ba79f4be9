package io.greenlight.asset;

import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.VariantMedia;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@link VariantMedia} from the asset library: the files attached to a variant in the composer, in their order, each
 * with a signed, expiring public link for the networks that fetch media by URL ({@link PublicMediaLinks}).
 */
@Component
@Primary
public class AssetVariantMedia implements VariantMedia {

    private final AssetAttachments attachments;
    private final AssetService assets;
    private final PublicMediaLinks links;

    public AssetVariantMedia(AssetAttachments attachments, AssetService assets, PublicMediaLinks links) {
        this.attachments = attachments;
        this.assets = assets;
        this.links = links;
    }

    @Override
    public List<MediaAttachment> forVariant(String postId, String channelKey) {
        return attachments.attachments(postId, channelKey).stream()
                .map(a -> new MediaAttachment(a.getFileName(), a.getMimeType(), assets.bytes(a), a.getAltText(),
                        links.link(postId, channelKey, a).orElse(null)))
                .toList();
    }
}
