package io.greenlight.insights;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Content KPIs of variants published in the period, aggregated in SQL:
 * <ul>
 *   <li><b>engagements</b> = likes + reposts + replies of the variant's latest metrics reading (+1 h, +24 h, +7 d,
 *       collected by {@code post-metrics}); networks without metrics (the {@code local} feed) have no reading;</li>
 *   <li><b>clicks</b> = clicks on Greenlight's short links ({@code /r/{code}}) of that variant, at any time;</li>
 *   <li><b>engagement rate</b>: the networks connected today (Mastodon, Bluesky) report no impressions or reach, so the
 *       rate is engagements ÷ <em>variants with a reading</em> (average engagements per published variant) — the
 *       denominator is stated with the number wherever it is shown.</li>
 * </ul>
 */
@Service
public class ContentKpis {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect sql;

    public ContentKpis(NamedParameterJdbcTemplate jdbc, SqlDialect sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** Sums for one group. */
    public record Kpi(String key, long published, long withMetrics, long likes, long reposts, long replies,
                      long clicks) {

        public long engagements() {
            return likes + reposts + replies;
        }

        /** Engagements per variant with a metrics reading (the denominator). */
        public Double engagementRate() {
            return withMetrics == 0 ? null : Numbers.round((double) engagements() / withMetrics, 2);
        }

        public Double clicksPerPost() {
            return published == 0 ? null : Numbers.round((double) clicks / published, 2);
        }
    }

    public record BestPost(String postId, String title, String channels, Instant published, long engagements,
                           long clicks) {
    }

    /** Average engagements per variant by ISO day of week (1 = Monday) and 3-hour slot (0 = 00–03 UTC). */
    public record Slot(int dayOfWeek, int slot, long variants, Double averageEngagements) {
    }

    /** Every published variant of the period with its latest reading and its clicks. */
    private String facts(InsightsFilter filter) {
        return "select v.post_id, v.channel_key, v.published_at, p.title, p.campaign,"
                + " coalesce(m.likes, 0) as likes, coalesce(m.reposts, 0) as reposts, coalesce(m.replies, 0) as replies,"
                + " case when m.id is null then 0 else 1 end as has_metrics,"
                + " (select count(*) from link_click c join short_link s on s.code = c.code"
                + "   where s.post_id = v.post_id and s.channel_key = v.channel_key) as clicks"
                + " from post_variant v join post p on p.id = v.post_id"
                + " left join variant_metric m on m.post_id = v.post_id and m.channel_key = v.channel_key"
                + "   and m.read_at = (select max(m2.read_at) from variant_metric m2"
                + "     where m2.post_id = v.post_id and m2.channel_key = v.channel_key)"
                + " where v.published_at >= :start and v.published_at < :end" + ApprovalAnalytics.postFilter(filter);
    }

    private static final String SUMS = "count(*) as published, sum(x.has_metrics) as with_metrics, sum(x.likes) as likes,"
            + " sum(x.reposts) as reposts, sum(x.replies) as replies, sum(x.clicks) as clicks";

    private List<Kpi> grouped(InsightsFilter filter, String key) {
        String query = "select " + (key == null ? "'all'" : key) + " as k, " + SUMS + " from (" + facts(filter) + ") x"
                + (key == null ? "" : " group by " + key + " order by 1");
        return jdbc.query(query, params(filter), (rs, i) -> new Kpi(rs.getString("k"), rs.getLong("published"),
                rs.getLong("with_metrics"), rs.getLong("likes"), rs.getLong("reposts"), rs.getLong("replies"),
                rs.getLong("clicks")));
    }

    public Kpi total(InsightsFilter filter) {
        return grouped(filter, null).get(0);
    }

    public List<Kpi> byChannel(InsightsFilter filter) {
        return grouped(filter, "x.channel_key");
    }

    public List<Kpi> byCampaign(InsightsFilter filter) {
        return grouped(filter, "coalesce(x.campaign, '(no campaign)')");
    }

    /** Per ISO week of publishing; the key is the Monday (yyyy-MM-dd). */
    public List<Kpi> byWeek(InsightsFilter filter) {
        return grouped(filter, sql.week("x.published_at"));
    }

    /** The posts with the most engagements + clicks (over all their channels). */
    public List<BestPost> best(InsightsFilter filter, int limit) {
        return jdbc.query("select x.post_id, min(x.title), min(x.channel_key), max(x.channel_key), min(x.published_at),"
                + " sum(x.likes + x.reposts + x.replies) as e, sum(x.clicks) as c, count(*) from (" + facts(filter) + ") x"
                + " group by x.post_id order by sum(x.likes + x.reposts + x.replies) + sum(x.clicks) desc, 6 desc, 1 fetch first :limit rows only",
                params(filter).addValue("limit", limit),
                (rs, i) -> new BestPost(rs.getString(1), rs.getString(2), rs.getInt(8) == 1 ? rs.getString(3)
                        : rs.getString(3) + " … " + rs.getString(4) + " (" + rs.getInt(8) + ")",
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getLong(7)));
    }

    /** Day of week × 3-hour slot of publishing (UTC) → average engagements of variants with a reading. */
    public List<Slot> timeOfWeek(InsightsFilter filter) {
        String day = "cast(" + sql.isoDayOfWeek("x.published_at") + " as integer)";
        String slot = "cast(" + sql.hour("x.published_at") + " as integer) / 3";
        return jdbc.query("select " + day + " as d, " + slot + " as s, sum(x.has_metrics),"
                + " sum(case when x.has_metrics = 1 then x.likes + x.reposts + x.replies else 0 end)"
                + " from (" + facts(filter) + ") x group by " + day + ", " + slot + " order by 1, 2", params(filter),
                (rs, i) -> new Slot(rs.getInt(1), rs.getInt(2), rs.getLong(3),
                        rs.getLong(3) == 0 ? null : Numbers.round((double) rs.getLong(4) / rs.getLong(3), 2)));
    }

    static MapSqlParameterSource params(InsightsFilter filter) {
        MapSqlParameterSource p = ApprovalAnalytics.params(filter);
        p.addValue("start", Timestamp.from(filter.start())).addValue("end", Timestamp.from(filter.end()));
        return p;
    }

    static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(value.toString().substring(0, 10));
    }
}
