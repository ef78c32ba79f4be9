package io.greenlight.post;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a resubmission changed, for reviewers: "Version 3, changed: title, text on local, media on mastodon". Compares
 * the post's last two recorded versions part by part (title, each channel's text and link, each channel's media).
 * The inbox reads a page's summaries at once ({@link #ofPosts}).
 */
@Component("versionChanges")
public class VersionChanges {

    /** At most this many post ids in one {@code in} list. */
    static final int IN_LIST = 500;
    private static final Pattern CHANNEL = Pattern.compile("^\\[([^\\]\\s]+)]$");
    private static final Pattern MEDIA = Pattern.compile("^Media \\[([^\\]\\s]+)]: (.*)$");

    private final PostVersionRepository versions;

    public VersionChanges(PostVersionRepository versions) {
        this.versions = versions;
    }

    /**
     * The summaries of these posts' latest versions (post id → summary; a post with only one version has none), from
     * the last two versions of each, read {@value #IN_LIST} posts a query: a page of reviews costs one query, not one
     * per row.
     */
    @Transactional(readOnly = true)
    public Map<String, String> ofPosts(Collection<String> postIds) {
        List<String> ids = postIds.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
        Map<String, List<PostVersion>> lastTwo = new HashMap<>();
        for (int i = 0; i < ids.size(); i += IN_LIST) {
            versions.findLastTwoOfPosts(ids.subList(i, Math.min(ids.size(), i + IN_LIST)))
                    .forEach(v -> lastTwo.computeIfAbsent(v.getPostId(), k -> new ArrayList<>()).add(v));
        }
        Map<String, String> summaries = new HashMap<>();
        lastTwo.forEach((postId, two) -> {
            if (two.size() == 2) {
                PostVersion before = two.get(0);
                PostVersion now = two.get(1);
                List<String> changed = changes(before.getTitle(), before.getContent(), now.getTitle(), now.getContent());
                summaries.put(postId, "Version " + now.getNumber()
                        + (changed.isEmpty() ? ", resubmitted unchanged" : ", changed: " + String.join(", ", changed)));
            }
        });
        return summaries;
    }

    static List<String> changes(String titleBefore, String before, String titleNow, String now) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(titleBefore, titleNow)) {
            changed.add("title");
        }
        Map<String, String> a = parts(before);
        Map<String, String> b = parts(now);
        Set<String> keys = new LinkedHashSet<>(b.keySet());
        keys.addAll(a.keySet());
        for (String key : keys) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                changed.add(!a.containsKey(key) ? key.replace("text on", "added") : !b.containsKey(key) ? key.replace("text on", "removed") : key);
            }
        }
        return changed;
    }

    /** "text on <channel>" → its text and link; "media on <channel>" → its media ids. */
    static Map<String, String> parts(String content) {
        Map<String, String> parts = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : (content == null ? "" : content).split("\n", -1)) {
            Matcher channel = CHANNEL.matcher(line);
            Matcher media = MEDIA.matcher(line);
            if (channel.matches() || media.matches()) {
                if (current != null) {
                    parts.put(current, text.toString().strip());
                }
                text.setLength(0);
                if (media.matches()) {
                    parts.put("media on " + media.group(1), media.group(2).strip());
                    current = null;
                } else {
                    current = "text on " + channel.group(1);
                }
                continue;
            }
            if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            parts.put(current, text.toString().strip());
        }
        return parts;
    }
}
