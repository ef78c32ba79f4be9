package io.greenlight.calendar;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The best time of day to post on a channel: from our own metrics (average engagement 24 h after publishing, by the
 * hour it went out, in the viewer's zone) once a channel has {@value #MIN_SAMPLES} readings in an hour; otherwise the
 * network's usual best time (a common default of the social media guides, in the audience's = viewer's zone).
 */
@Service
public class BestTimes {

    static final int MIN_SAMPLES = 3;

    static final Map<String, LocalTime> NETWORK_DEFAULTS = Map.of(
            "LOCAL", LocalTime.of(9, 0), "MASTODON", LocalTime.of(9, 0), "BLUESKY", LocalTime.of(12, 0),
            "X", LocalTime.of(9, 0), "LINKEDIN", LocalTime.of(8, 0), "FACEBOOK", LocalTime.of(13, 0),
            "INSTAGRAM", LocalTime.of(11, 0), "THREADS", LocalTime.of(11, 0), "TIKTOK", LocalTime.of(19, 0),
            "WEBHOOK", LocalTime.of(10, 0));

    private final JdbcTemplate jdbc;
    private final ChannelRepository channels;

    public BestTimes(JdbcTemplate jdbc, ChannelRepository channels) {
        this.jdbc = jdbc;
        this.channels = channels;
    }

    /** A suggested time for a channel and where it comes from. */
    public record Suggestion(String channel, String channelName, LocalTime time, boolean fromMetrics, int samples) {
        public String source() {
            return fromMetrics ? "our metrics, " + samples + " posts" : "network default";
        }
    }

    /** One suggestion per enabled channel (or only {@code onlyChannel}), best first by name. */
    public List<Suggestion> suggestions(ZoneId zone, String onlyChannel) {
        Map<String, Map<Integer, double[]>> stats = engagementByHour(zone);
        List<Suggestion> out = new ArrayList<>();
        for (Channel c : channels.findAllByOrderByNameAsc()) {
            if (!c.isEnabled() || (onlyChannel != null && !onlyChannel.equals(c.getKey()))) {
                continue;
            }
            Map<Integer, double[]> hours = stats.getOrDefault(c.getKey(), Map.of());
            int bestHour = -1;
            double best = -1;
            int samples = 0;
            for (Map.Entry<Integer, double[]> h : hours.entrySet()) {
                double[] sumCount = h.getValue();
                if (sumCount[1] >= MIN_SAMPLES && sumCount[0] / sumCount[1] > best) {
                    best = sumCount[0] / sumCount[1];
                    bestHour = h.getKey();
                    samples = (int) sumCount[1];
                }
            }
            if (bestHour >= 0) {
                out.add(new Suggestion(c.getKey(), c.getName(), LocalTime.of(bestHour, 0), true, samples));
            } else {
                out.add(new Suggestion(c.getKey(), c.getName(), NETWORK_DEFAULTS.getOrDefault(
                        c.getNetwork().toUpperCase(Locale.ROOT), LocalTime.of(9, 0)), false, 0));
            }
        }
        return out;
    }

    /**
     * How far back the metrics count: recent habits of the audience, and a read whose cost stays the same as the
     * history grows (an index range on {@code post_variant.published_at}).
     */
    static final java.time.Duration HISTORY = java.time.Duration.ofDays(180);

    /** channel → hour → {sum of engagement, readings} of the latest reading per published variant of {@link #HISTORY}. */
    private Map<String, Map<Integer, double[]>> engagementByHour(ZoneId zone) {
        Map<String, Map<Integer, double[]>> stats = new HashMap<>();
        jdbc.query("""
                select v.channel_key, v.published_at,
                       coalesce(m.likes, 0) + coalesce(m.reposts, 0) + coalesce(m.replies, 0) as engagement
                from variant_metric m
                join post_variant v on v.post_id = m.post_id and v.channel_key = m.channel_key
                where m.reading = '24h' and v.published_at >= ? and m.read_at is not null""", rs -> {
            Timestamp at = rs.getTimestamp(2);
            int hour = at.toInstant().atZone(zone).getHour();
            double[] sc = stats.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).computeIfAbsent(hour, h -> new double[2]);
            sc[0] += rs.getInt(3);
            sc[1] += 1;
        }, Timestamp.from(io.greenlight.engine.EngineClock.now().minus(HISTORY).toInstant()));
        return stats;
    }
}
