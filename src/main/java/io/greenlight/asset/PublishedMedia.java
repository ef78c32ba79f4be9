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
 * Media served without sign-in: the media of posts published to the public {@code local} feed ({@code /feed}): a file
 * is served there only while it is attached to a variant of that post on a LOCAL channel that has been published; and
 * a file behind a signed, expiring link ({@link PublicMediaLinks}), which networks such as Instagram and Threads fetch
 * while publishing, only while it is attached to that variant. Everything else in the library stays behind sign-in
 * ({@code /assets/{id}/file}).
 */
@PageController
class PublishedMedia {

    private static final java.util.regex.Pattern FILE = java.util.regex.Pattern.compile("([0-9]{1,18})\\.[a-z0-9]{1,5}");

    private final AssetService assets;
    private final PostMediaRepository media;
    private final PostRepository posts;
    private final ChannelRepository channels;
    private final PublicMediaLinks links;

    PublishedMedia(AssetService assets, PostMediaRepository media, PostRepository posts, ChannelRepository channels,
                   PublicMediaLinks links) {
        this.assets = assets;
        this.media = media;
        this.posts = posts;
        this.channels = channels;
        this.links = links;
    }

    /** A file behind a signed link, while the link is valid and the file is still attached to that variant. */
    @GetMapping(PublicMediaLinks.PATH + "{postId}/{channel}/{file}")
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> signed(@PathVariable String postId, @PathVariable String channel, @PathVariable String file,
                                         @org.springframework.web.bind.annotation.RequestParam(required = false) Long expires,
                                         @org.springframework.web.bind.annotation.RequestParam(required = false) String signature) {
        java.util.regex.Matcher name = FILE.matcher(file);
        if (!name.matches() || expires == null || postId.length() > 64 || channel.length() > 64) {
            throw UserFacingException.notFound("There is no such file.");
        }
        long assetId = Long.parseLong(name.group(1));
        if (!links.valid(postId, channel, assetId, expires, signature)) {
            throw UserFacingException.notFound(links.expired(expires) ? "This link has expired." : "There is no such file.");
        }
        boolean attached = media.findByPostIdAndChannelOrderByPositionAsc(postId, channel).stream()
                .anyMatch(m -> m.getAssetId() != null && m.getAssetId() == assetId);
        if (!attached) {
            throw UserFacingException.notFound("There is no such file.");
        }
        Asset asset = assets.get(assetId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(asset.getMimeType()))
                .eTag("\"" + asset.getSha256() + "\"")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(assets.bytes(asset));
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
