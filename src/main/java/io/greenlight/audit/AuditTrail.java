package io.greenlight.audit;

import io.greenlight.engine.ProcessBindings;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who uploaded, changed, submitted, approved and published what and when — for one post or for a period — with the
 * content hash and the process definition version. Read from where each fact already lives: content versions
 * ({@code post_version}), the engine's history (process instances, review decisions as task comments) and the
 * published variants. Nothing is logged twice.
 */
@Service
public class AuditTrail {

    /** At most this many events per export. */
    static final int LIMIT = 100_000;

    public record Event(Instant time, String postId, String title, String actor, String action, String detail,
                        Integer contentVersion, String contentHash, Integer processVersion) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public AuditTrail(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Events of one post (postId not null) and/or of a period [start, end). */
    public List<Event> events(String postId, Instant start, Instant end) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("process", ProcessBindings.POST_PROCESS)
                .addValue("post", postId)
                .addValue("start", Timestamp.from(start == null ? Instant.EPOCH : start))
                .addValue("end", Timestamp.from(end == null ? Instant.parse("9999-01-01T00:00:00Z") : end))
                .addValue("limit", LIMIT);
        String postOnly = postId == null ? "" : " and p.id = :post";
        String versionAt = "(select max(pv.number) from post_version pv where pv.post_id = p.id and pv.created_at <= %s)";
        List<Event> events = new ArrayList<>();
        // content versions: the first one is the upload, every later one a change
        jdbc.query("select v.created_at, p.id, p.title, v.created_by, v.number, v.content_hash from post_version v"
                + " join post p on p.id = v.post_id where v.created_at >= :start and v.created_at < :end" + postOnly
                + " fetch first :limit rows only", p, (ResultSet rs) -> {
                    int n = rs.getInt(5);
                    events.add(new Event(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4),
                            n == 1 ? "uploaded" : "changed", "content version " + n, n, rs.getString(6), null));
                });
        // review rounds: who submitted, on which version of the procedure
        // the engine records the user who started the round; without one (started by a job), the version's author
        jdbc.query("select hp.START_TIME_, p.id, p.title, coalesce(hp.START_USER_ID_, (select pv2.created_by from post_version pv2"
                + " where pv2.post_id = p.id and pv2.number = " + String.format(versionAt, "hp.START_TIME_") + ")),"
                + " d.VERSION_, hp.END_TIME_, hp.DELETE_REASON_,"
                + " " + String.format(versionAt, "hp.START_TIME_") + " as cv"
                + " from ACT_HI_PROCINST hp join post p on p.id = hp.BUSINESS_KEY_"
                + " join ACT_RE_PROCDEF d on d.ID_ = hp.PROC_DEF_ID_"
                + " where hp.PROC_DEF_KEY_ = :process and hp.START_TIME_ >= :start and hp.START_TIME_ < :end" + postOnly
                + " fetch first :limit rows only", p, (ResultSet rs) -> {
                    Integer cv = (Integer) integer(rs, 8);
                    events.add(new Event(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), "submitted",
                            "review round started" + (rs.getString(7) == null ? "" : " (ended: " + rs.getString(7) + ")"),
                            cv, null, rs.getInt(5)));
                });
        // review decisions: Greenlight records each one as the task's comment
        jdbc.query("select c.TIME_, p.id, p.title, c.USER_ID_, c.MESSAGE_, ti.NAME_, d.VERSION_,"
                + " " + String.format(versionAt, "c.TIME_") + " as cv"
                + " from ACT_HI_COMMENT c join ACT_HI_TASKINST ti on ti.ID_ = c.TASK_ID_"
                + " join ACT_HI_PROCINST hp on hp.ID_ = ti.PROC_INST_ID_ join post p on p.id = hp.BUSINESS_KEY_"
                + " join ACT_RE_PROCDEF d on d.ID_ = ti.PROC_DEF_ID_"
                + " where ti.PROC_DEF_KEY_ = :process and c.TIME_ >= :start and c.TIME_ < :end" + postOnly
                + " fetch first :limit rows only", p, (ResultSet rs) -> {
                    String message = rs.getString(5) == null ? "" : rs.getString(5);
                    String action = message.startsWith("Rejected") ? "rejected"
                            : message.startsWith("Changes requested") ? "requested changes"
                            : message.startsWith("Approved") ? "approved" : "commented";
                    events.add(new Event(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), action,
                            rs.getString(6) + ": " + message, (Integer) integer(rs, 8), null, rs.getInt(7)));
                });
        // publications: the approved version went out on a channel
        jdbc.query("select v.published_at, p.id, p.title, v.channel_key, v.external_url, p.approved_version,"
                + " (select d.VERSION_ from ACT_HI_PROCINST hp join ACT_RE_PROCDEF d on d.ID_ = hp.PROC_DEF_ID_"
                + "   where hp.ID_ = p.process_instance_id) as pv"
                + " from post_variant v join post p on p.id = v.post_id"
                + " where v.published_at >= :start and v.published_at < :end" + postOnly
                + " fetch first :limit rows only", p, (ResultSet rs) -> {
                    events.add(new Event(instant(rs, 1), rs.getString(2), rs.getString(3), "greenlight", "published",
                            "channel " + rs.getString(4) + (rs.getString(5) == null ? "" : " → " + rs.getString(5)),
                            (Integer) integer(rs, 6), null, (Integer) integer(rs, 7)));
                });
        List<Event> withHashes = withHashes(events);
        withHashes.sort(Comparator.comparing(Event::time).thenComparing(Event::postId));
        return withHashes.size() > LIMIT ? withHashes.subList(0, LIMIT) : withHashes;
    }

    /** Fills in the content hash of each event's content version (one query per post, not per event). */
    private List<Event> withHashes(List<Event> events) {
        java.util.Map<String, java.util.Map<Integer, String>> hashes = new java.util.HashMap<>();
        List<String> posts = events.stream().map(Event::postId).distinct().toList();
        for (int i = 0; i < posts.size(); i += 500) {
            List<String> chunk = posts.subList(i, Math.min(posts.size(), i + 500));
            jdbc.query("select post_id, number, content_hash from post_version where post_id in (:ids)",
                    new MapSqlParameterSource("ids", chunk), (ResultSet rs) -> {
                        hashes.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>()).put(rs.getInt(2), rs.getString(3));
                    });
        }
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            String hash = e.contentHash() != null || e.contentVersion() == null ? e.contentHash()
                    : hashes.getOrDefault(e.postId(), java.util.Map.of()).get(e.contentVersion());
            out.add(new Event(e.time(), e.postId(), e.title(), e.actor(), e.action(), e.detail(), e.contentVersion(),
                    hash, e.processVersion()));
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Object integer(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }

    static final List<String> COLUMNS = List.of("time", "postId", "title", "actor", "action", "detail",
            "contentVersion", "contentHash", "processVersion");

    static List<Object> row(Event e) {
        return java.util.Arrays.asList(e.time() == null ? null : e.time().toString(), e.postId(), e.title(), e.actor(),
                e.action(), e.detail(), e.contentVersion(), e.contentHash(), e.processVersion());
    }
}
