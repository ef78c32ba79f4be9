package io.greenlight.asset;

import java.util.List;
import java.util.Map;

/**
 * What each network accepts as media (from /work/shared/NETWORKS.md and the networks' docs): how many images, whether
 * a video may replace them, the largest file, whether every image needs alt text (Bluesky), and which image types it
 * takes (Instagram JPEG only, Threads JPEG and PNG). Checked in the composer, when a post is saved and in the
 * {@code validatePost} step.
 *
 * @param imageTypes the image types the network takes, or null for every type the library takes
 */
public record MediaRules(String network, int maxImages, int maxVideos, long maxImageBytes, long maxVideoBytes,
                         boolean altTextRequired, boolean mediaRequired, java.util.Set<String> imageTypes) {

    public MediaRules(String network, int maxImages, int maxVideos, long maxImageBytes, long maxVideoBytes,
                      boolean altTextRequired, boolean mediaRequired) {
        this(network, maxImages, maxVideos, maxImageBytes, maxVideoBytes, altTextRequired, mediaRequired, null);
    }

    static final long MB = 1024L * 1024L;

    private static final Map<String, MediaRules> BY_NETWORK = Map.ofEntries(
            rule(new MediaRules("LOCAL", 4, 1, 10 * MB, 50 * MB, false, false)),
            rule(new MediaRules("MASTODON", 4, 1, 16 * MB, 99 * MB, false, false)),
            rule(new MediaRules("BLUESKY", 4, 1, 1_000_000L, 50 * MB, true, false)),
            rule(new MediaRules("X", 4, 1, 5 * MB, 512 * MB, false, false)),
            rule(new MediaRules("LINKEDIN", 9, 1, 8 * MB, 200 * MB, false, false)),
            rule(new MediaRules("FACEBOOK", 10, 1, 10 * MB, 1024 * MB, false, false)),
            rule(new MediaRules("INSTAGRAM", 10, 1, 8 * MB, 300 * MB, false, true, java.util.Set.of("image/jpeg"))),
            rule(new MediaRules("THREADS", 10, 1, 8 * MB, 1024 * MB, false, false, java.util.Set.of("image/jpeg", "image/png"))),
            rule(new MediaRules("TIKTOK", 0, 1, 0, 287 * MB, false, true)),
            rule(new MediaRules("WEBHOOK", 10, 1, 50 * MB, 500 * MB, false, false)));

    private static Map.Entry<String, MediaRules> rule(MediaRules r) {
        return Map.entry(r.network(), r);
    }

    public static MediaRules of(String network) {
        return BY_NETWORK.getOrDefault(network == null ? "" : network.toUpperCase(java.util.Locale.ROOT),
                new MediaRules(network, 4, 1, 10 * MB, 50 * MB, false, false));
    }

    /** The problems of attaching these assets to a variant of this channel (empty when fine). */
    public List<String> check(String channel, List<Asset> assets) {
        List<String> problems = new java.util.ArrayList<>();
        long images = assets.stream().filter(Asset::isImage).count();
        long videos = assets.stream().filter(Asset::isVideo).count();
        if (mediaRequired && assets.isEmpty()) {
            problems.add("media: " + channel + " (" + network + ") needs an image or a video.");
        }
        if (videos > 0 && images > 0) {
            problems.add("media: " + channel + " takes either images or one video, not both.");
        }
        if (videos > maxVideos) {
            problems.add("media: " + channel + " takes at most " + maxVideos + " video.");
        }
        if (images > maxImages) {
            problems.add("media: " + channel + " takes " + (maxImages == 0 ? "no images" : "at most " + maxImages
                    + " images") + "; " + images + " are attached.");
        }
        for (Asset a : assets) {
            long max = a.isVideo() ? maxVideoBytes : maxImageBytes;
            if (a.getSizeBytes() > max) {
                problems.add("media: " + a.getFileName() + " is " + AssetService.size(a.getSizeBytes()) + "; "
                        + network + " takes " + (a.isVideo() ? "videos" : "images") + " up to " + AssetService.size(max) + ".");
            }
            if (imageTypes != null && a.isImage() && !imageTypes.contains(a.getMimeType())) {
                problems.add("media: " + a.getFileName() + " is " + a.getMimeType() + "; " + network + " takes "
                        + (imageTypes.size() == 1 ? "only " : "") + String.join(" and ", imageTypes.stream().sorted()
                        .map(t -> t.substring("image/".length()).toUpperCase(java.util.Locale.ROOT)).toList()) + " images.");
            }
            if (altTextRequired && a.isImage() && (a.getAltText() == null || a.getAltText().isBlank())) {
                problems.add("media: " + a.getFileName() + " needs alt text for " + channel + " (" + network
                        + " requires a description of every image). Add it in the asset library.");
            }
        }
        return problems;
    }
}
