package io.greenlight.compose;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hashtag suggestions from our own history: the tags of approved and published posts (the latest
 * {@value #HISTORY} variants), most used first, optionally for one channel and starting with what is typed.
 */
@Service
public class HashtagHistory {

    static final int HISTORY = 1000;
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#([\\p{L}\\p{N}_]{2,60})");

    private final JdbcTemplate jdbc;

    public HashtagHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Hashtag(String tag, int uses) {
    }

    public List<Hashtag> suggest(String prefix, String channel, int limit) {
        String p = prefix == null ? "" : prefix.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        List<String> texts = channel == null || channel.isBlank()
                ? jdbc.queryForList("select v.text from post_variant v join post p on p.id = v.post_id "
                        + "where p.status in ('SCHEDULED', 'PUBLISHING', 'PUBLISHED') order by p.updated_at desc "
                        + "limit " + HISTORY, String.class)
                : jdbc.queryForList("select v.text from post_variant v join post p on p.id = v.post_id "
                        + "where p.status in ('SCHEDULED', 'PUBLISHING', 'PUBLISHED') and v.channel_key = ? "
                        + "order by p.updated_at desc limit " + HISTORY, String.class, channel.strip());
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> spelling = new HashMap<>();
        for (String text : texts) {
            Matcher m = HASHTAG.matcher(text == null ? "" : text);
            while (m.find()) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                if (key.startsWith(p)) {
                    counts.merge(key, 1, Integer::sum);
                    spelling.putIfAbsent(key, m.group(1));
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(1, Math.min(limit, 50)))
                .map(e -> new Hashtag("#" + spelling.get(e.getKey()), e.getValue()))
                .toList();
    }
}
