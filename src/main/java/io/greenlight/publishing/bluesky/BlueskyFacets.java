package io.greenlight.publishing.bluesky;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rich-text facets of an {@code app.bsky.feed.post}: links, mentions and hashtags, with <b>UTF-8 byte</b> offsets
 * ({@code index.byteStart} inclusive, {@code index.byteEnd} exclusive), as the AT Protocol requires.
 */
final class BlueskyFacets {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern MENTION = Pattern.compile("(?<=^|\\s|\\()@([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+)");
    private static final Pattern TAG = Pattern.compile("(?<=^|\\s)#([^\\s#\\p{Punct}][^\\s#]*)");

    private BlueskyFacets() {
    }

    /**
     * @param resolveHandle a handle's DID, or null when it cannot be resolved (the mention is then left as text)
     */
    public static List<Map<String, Object>> of(String text, Function<String, String> resolveHandle) {
        List<Map<String, Object>> facets = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String uri = trimTrailingPunctuation(m.group());
            facets.add(facet(text, m.start(), m.start() + uri.length(),
                    Map.of("$type", "app.bsky.richtext.facet#link", "uri", uri)));
        }
        m = MENTION.matcher(text);
        while (m.find()) {
            String did = resolveHandle.apply(m.group(1));
            if (did != null) {
                facets.add(facet(text, m.start(), m.end(), Map.of("$type", "app.bsky.richtext.facet#mention", "did", did)));
            }
        }
        m = TAG.matcher(text);
        while (m.find()) {
            String tag = trimTrailingPunctuation(m.group(1));
            if (tag.isEmpty() || tag.chars().allMatch(Character::isDigit)) {
                continue;
            }
            facets.add(facet(text, m.start(), m.start(1) + tag.length(), Map.of("$type", "app.bsky.richtext.facet#tag", "tag", tag)));
        }
        return facets;
    }

    private static Map<String, Object> facet(String text, int charStart, int charEnd, Map<String, Object> feature) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("byteStart", utf8Length(text.substring(0, charStart)));
        index.put("byteEnd", utf8Length(text.substring(0, charEnd)));
        Map<String, Object> facet = new LinkedHashMap<>();
        facet.put("index", index);
        facet.put("features", List.of(feature));
        return facet;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String trimTrailingPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;:!?)'\"".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }
}
