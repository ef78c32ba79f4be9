package io.greenlight.asset;

import io.greenlight.post.AttachedMedia;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link AttachedMedia} from the asset library: what the composer attached, with type and alt text. */
@Component("attachedMedia")
class AssetAttachedMedia implements AttachedMedia {

    private final AssetAttachments assets;

    AssetAttachedMedia(AssetAttachments assets) {
        this.assets = assets;
    }

    @Override
    public Map<String, List<Item>> of(String postId) {
        Map<String, List<Item>> byChannel = new LinkedHashMap<>();
        if (postId == null) {
            return byChannel;
        }
        assets.attachments(postId).forEach((channel, list) -> byChannel.put(channel, list.stream()
                .map(a -> new Item(a.getId(), a.getFileName(), a.getMimeType(), a.getAltText())).toList()));
        return byChannel;
    }
}
