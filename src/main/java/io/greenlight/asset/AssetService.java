package io.greenlight.asset;

import org.apache.commons.codec.digest.DigestUtils;
import io.greenlight.engine.EngineClock;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.apache.tika.Tika;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The asset library: upload (type from the bytes, size limits), describe (tags, alt text, expiry), search, usage.
 * Attaching assets to posts is {@link AssetAttachments}.
 */
@Service
@Transactional
public class AssetService {

    static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    static final Set<String> VIDEO_TYPES = Set.of("video/mp4", "video/quicktime", "video/webm");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_-]{1,40}");
    private static final Tika TIKA = new Tika();

    private final AssetRepository assets;
    private final PostMediaRepository media;
    private final AssetStore store;
    private final long maxImageBytes;
    private final long maxVideoBytes;

    public AssetService(AssetRepository assets, PostMediaRepository media, AssetStore store,
                        @Value("${greenlight.assets.max-image-size:10MB}") DataSize maxImageSize,
                        @Value("${greenlight.assets.max-video-size:100MB}") DataSize maxVideoSize) {
        this.assets = assets;
        this.media = media;
        this.store = store;
        this.maxImageBytes = maxImageSize.toBytes();
        this.maxVideoBytes = maxVideoSize.toBytes();
    }

    /** An asset with how many posts use it. */
    public record AssetView(Asset asset, long usedIn, boolean expired) {
    }

    /** What an uploader tells about a file. */
    public record Description(String altText, String tags, LocalDate expiresOn) {
    }

    static void requireUploader(CurrentUser user) {
        if (!user.canCompose()) {
            throw UserFacingException.forbidden("Only members of 'creators' or 'managers' can add to the asset library.");
        }
    }

    public Asset upload(CurrentUser user, String fileName, byte[] bytes, Description description) {
        requireUploader(user);
        if (bytes == null || bytes.length == 0) {
            throw UserFacingException.invalid("file: choose a file to upload (it was empty).");
        }
        String name = cleanName(fileName);
        String type = TIKA.detect(bytes, name);
        if (!IMAGE_TYPES.contains(type) && !VIDEO_TYPES.contains(type)) {
            throw UserFacingException.invalid("file: " + name + " is " + type + "; the library takes images (PNG, JPEG, "
                    + "GIF, WebP) and videos (MP4, MOV, WebM).");
        }
        long max = VIDEO_TYPES.contains(type) ? maxVideoBytes : maxImageBytes;
        if (bytes.length > max) {
            throw UserFacingException.invalid("file: " + name + " is " + size(bytes.length) + "; "
                    + (VIDEO_TYPES.contains(type) ? "videos" : "images") + " may be at most " + size(max) + ".");
        }
        String sha = sha256(bytes);
        Asset known = assets.findBySha256(sha).orElse(null);
        if (known != null) {
            return known; // content addressed: the same file is the same asset
        }
        Description d = description == null ? new Description(null, null, null) : description;
        List<String> tags = tags(d.tags());
        String alt = alt(d.altText());
        store.put(sha, bytes);
        Asset asset = new Asset(sha, name, type, bytes.length, store.kind(), user.id(), EngineClock.now());
        asset.describe(alt, tags, d.expiresOn());
        return assets.save(asset);
    }

    public Asset describe(CurrentUser user, Long id, Description d) {
        Asset asset = get(id);
        if (!user.isManager() && !user.id().equals(asset.getUploadedBy())) {
            throw UserFacingException.forbidden("Only " + asset.getUploadedBy() + " (who uploaded it) or a manager can change this asset.");
        }
        asset.describe(alt(d.altText()), tags(d.tags()), d.expiresOn());
        return asset;
    }

    @Transactional(readOnly = true)
    public Asset get(Long id) {
        if (id == null) {
            throw UserFacingException.notFound("There is no such asset.");
        }
        return assets.findById(id).orElseThrow(() -> UserFacingException.notFound("There is no asset " + id + "."));
    }

    @Transactional(readOnly = true)
    public byte[] bytes(Asset asset) {
        return store.get(asset.getSha256()).orElseThrow(() -> UserFacingException.notFound(
                "The file of asset " + asset.getId() + " is missing from the " + asset.getStorage() + " store."));
    }

    @Transactional(readOnly = true)
    public Page<AssetView> search(String text, String tag, int page, int size) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (q.length() > 100 || t.length() > 40) {
            throw UserFacingException.invalid("Search for at most 100 characters.");
        }
        Page<Asset> found = assets.search(q, t, PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 100)));
        Map<Long, Long> usage = usage(found.getContent().stream().map(Asset::getId).toList());
        LocalDate today = EngineClock.now().toLocalDate();
        return found.map(a -> new AssetView(a, usage.getOrDefault(a.getId(), 0L), a.expiredOn(today)));
    }

    @Transactional(readOnly = true)
    public AssetView view(Long id) {
        Asset a = get(id);
        return new AssetView(a, usage(List.of(a.getId())).getOrDefault(a.getId(), 0L),
                a.expiredOn(EngineClock.now().toLocalDate()));
    }

    @Transactional(readOnly = true)
    public List<String> postsUsing(Long assetId) {
        return media.postsUsing(assetId);
    }

    @Transactional(readOnly = true)
    public Map<Long, Long> usage(Collection<Long> ids) {
        Map<Long, Long> usage = new HashMap<>();
        if (!ids.isEmpty()) {
            media.usage(ids).forEach(row -> usage.put((Long) row[0], (Long) row[1]));
        }
        return usage;
    }

    // ------------------------------------------------------------------ helpers

    static List<String> tags(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String t : raw.split("[,\\s]+")) {
            String tag = t.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) {
                continue;
            }
            if (!TAG.matcher(tag).matches()) {
                throw UserFacingException.invalid("tags: '" + t + "' is not a tag (letters, digits, - and _, at most 40).");
            }
            tags.add(tag);
        }
        if (tags.size() > 20) {
            throw UserFacingException.invalid("tags: at most 20 tags.");
        }
        return List.copyOf(tags);
    }

    private static String alt(String alt) {
        if (alt == null || alt.isBlank()) {
            return null;
        }
        if (alt.strip().length() > 1000) {
            throw UserFacingException.invalid("altText: at most 1,000 characters.");
        }
        return alt.strip();
    }

    private static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>]", "").strip();
        if (name.isEmpty()) {
            name = "upload";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    static String size(long bytes) {
        if (bytes >= MediaRules.MB) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MediaRules.MB);
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }

    static String sha256(byte[] bytes) {
        return DigestUtils.sha256Hex(bytes);
    }

}
