package io.greenlight.asset;

import io.greenlight.channel.ChannelRepository;
import io.greenlight.engine.UserFacingException;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantStatus;
import io.greenlight.web.PageController;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The media of posts published to the public {@code local} feed ({@code /feed}, no sign-in): a file is served here only
 * while it is attached to a variant of that post on a LOCAL channel that has been published. Everything else in the
 * library stays behind sign-in ({@code /assets/{id}/file}).
 */
@PageController
class PublishedMedia {

    private final AssetService assets;
    private final PostMediaRepository media;
    private final PostRepository posts;
    private final ChannelRepository channels;

    PublishedMedia(AssetService assets, PostMediaRepository media, PostRepository posts, ChannelRepository channels) {
        this.assets = assets;
        this.media = media;
        this.posts = posts;
        this.channels = channels;
    }

    @GetMapping("/feed/media/{postId}/{channel}/{assetId}")
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> file(@PathVariable String postId, @PathVariable String channel, @PathVariable Long assetId) {
        boolean published = postId.length() <= 64 && posts.findById(postId)
                .flatMap(p -> p.variant(channel)).map(PostVariant::getStatus).filter(VariantStatus.PUBLISHED::equals).isPresent()
                && channels.findById(channel).filter(c -> "LOCAL".equals(c.getNetwork())).isPresent()
                && media.findByPostIdAndChannelOrderByPositionAsc(postId, channel).stream().anyMatch(m -> assetId.equals(m.getAssetId()));
        if (!published) {
            throw UserFacingException.notFound("There is no such published file.");
        }
        Asset asset = assets.get(assetId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(asset.getMimeType()))
                .eTag("\"" + asset.getSha256() + "\"")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
                .header("X-Content-Type-Options", "nosniff")
                .body(assets.bytes(asset));
    }
}
