package io.greenlight.insights;

import io.greenlight.engine.ProcessBindings;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Approval analytics read from Camunda's history (ACT_HI_TASKINST, ACT_HI_OP_LOG, ACT_HI_COMMENT, ACT_HI_PROCINST,
 * ACT_HI_ACTINST), aggregated in SQL so that large histories stay fast. Definitions (also in docs/insights.md):
 * <ul>
 *   <li><b>waiting</b>: from the task's creation to the first time a person took it (Claim or Assign in the user
 *       operation log). A task the diagram assigns at creation ({@code revise} → the author) waits 0; a task
 *       decided without ever being taken waited its whole life;</li>
 *   <li><b>working</b>: from that moment to the task's completion;</li>
 *   <li><b>SLA breach</b>: completed after its due date;</li>
 *   <li><b>decision</b>: the comment every review stage records on completion (Approved / Changes requested /
 *       Rejected, see {@code ReviewTaskListener}); <b>rework loops</b> = decisions "changes requested";
 *       <b>rejection rate</b> = rejections ÷ decisions.</li>
 * </ul>
 * Only completed tasks count (ended in the period); open tasks are in {@link #stuckNow}.
 */
@Service
public class ApprovalAnalytics {

    /** Decision codes derived from the review comment; 0 = not a review decision. */
    static final int APPROVED = 1;
    static final int CHANGES = 2;
    static final int REJECTED = 3;

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect sql;

    public ApprovalAnalytics(NamedParameterJdbcTemplate jdbc, SqlDialect sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    /** One group's numbers. Durations in milliseconds. */
    public record Stats(String key, String label, long tasks, Double waitingMedian, Double waitingP90,
                        Double workingMedian, Double workingP90, long slaBreaches, long decisions, long changes,
                        long rejections) {

        public Double rejectionRate() {
            return Numbers.ratio(rejections, decisions);
        }
    }

    public record Stuck(String taskId, String taskName, String assignee, Instant created, Instant due,
                        String processInstanceId, String postId, String title) {

        public Double overdueMillis(Instant now) {
            return due == null ? null : (double) (now.toEpochMilli() - due.toEpochMilli());
        }

        public String cockpitUrl() {
            return "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
        }
    }

    public record Week(LocalDate week, long submitted, long approvals, long changes, long rejections, long published) {
    }

    /** Time spent in any step (ACT_HI_ACTINST), for the heat map of steps that are not user tasks. */
    public record Step(String activityId, String name, String type, long count, Double median, Double p90) {
    }

    // ---- the per-task facts all groupings share -----------------------------------------------------------

    /** Completed tasks of the period with waiting, working, decision, post facts. */
    private String facts(InsightsFilter filter) {
        String taken = "(select min(o.TIMESTAMP_) from ACT_HI_OP_LOG o where o.TASK_ID_ = ti.ID_"
                + " and o.OPERATION_TYPE_ in ('Claim', 'Assign'))";
        String started = "coalesce(" + taken + ", case when ti.ASSIGNEE_ is not null then ti.START_TIME_ else ti.END_TIME_ end)";
        String decision = "(select max(case when c.MESSAGE_ like 'Rejected%' then " + REJECTED
                + " when c.MESSAGE_ like 'Changes requested%' then " + CHANGES
                + " when c.MESSAGE_ like 'Approved%' then " + APPROVED + " else 0 end)"
                + " from ACT_HI_COMMENT c where c.TASK_ID_ = ti.ID_)";
        return "select f.*, " + sql.millisBetween("f.created", "f.started") + " as waiting, "
                + sql.millisBetween("f.started", "f.ended") + " as working from ("
                + "select ti.ID_ as task_id, ti.TASK_DEF_KEY_ as step, ti.NAME_ as task_name, ti.ASSIGNEE_ as assignee,"
                + " ti.START_TIME_ as created, ti.END_TIME_ as ended, ti.DUE_DATE_ as due, " + started + " as started,"
                + " coalesce(" + decision + ", 0) as decision, p.id as post_id, p.campaign as campaign"
                + " from ACT_HI_TASKINST ti"
                + " join ACT_HI_PROCINST hp on hp.ID_ = ti.PROC_INST_ID_"
                + " left join post p on p.id = hp.BUSINESS_KEY_"
                + " where ti.PROC_DEF_KEY_ = :process and ti.END_TIME_ >= :start and ti.END_TIME_ < :end"
                + " and ti.DELETE_REASON_ = 'completed'" + postFilter(filter) + ") f";
    }

    static String postFilter(InsightsFilter filter) {
        return (filter.campaign() == null ? "" : " and p.campaign = :campaign")
                + (filter.region() == null ? "" : " and coalesce(p.region, 'global') = :region");
    }

    static MapSqlParameterSource params(InsightsFilter filter) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("process", ProcessBindings.POST_PROCESS)
                .addValue("start", Timestamp.from(filter.start()))
                .addValue("end", Timestamp.from(filter.end()));
        if (filter.campaign() != null) {
            p.addValue("campaign", filter.campaign());
        }
        if (filter.region() != null) {
            p.addValue("region", filter.region());
        }
        return p;
    }

    private static final String AGGREGATES = "count(*) as tasks,"
            + " percentile_cont(0.5) within group (order by x.waiting) as waiting_p50,"
            + " percentile_cont(0.9) within group (order by x.waiting) as waiting_p90,"
            + " percentile_cont(0.5) within group (order by x.working) as working_p50,"
            + " percentile_cont(0.9) within group (order by x.working) as working_p90,"
            + " sum(case when x.due is not null and x.ended > x.due then 1 else 0 end) as breaches,"
            + " sum(case when x.decision > 0 then 1 else 0 end) as decisions,"
            + " sum(case when x.decision = " + CHANGES + " then 1 else 0 end) as changes,"
            + " sum(case when x.decision = " + REJECTED + " then 1 else 0 end) as rejections";

    private List<Stats> grouped(InsightsFilter filter, String keyExpression, String labelExpression, String join,
                                String where) {
        // keyExpression null: one row over everything (PostgreSQL refuses a constant in GROUP BY)
        String query = "select " + (keyExpression == null ? "'all'" : keyExpression) + " as k, "
                + (keyExpression == null ? "'all'" : "min(" + labelExpression + ")") + " as label, " + AGGREGATES
                + " from (" + facts(filter) + ") x" + join + (where == null ? "" : " where " + where)
                + (keyExpression == null ? "" : " group by " + keyExpression + " order by waiting_p50 desc, k");
        return jdbc.query(query, params(filter), (rs, i) -> new Stats(rs.getString("k"), rs.getString("label"),
                rs.getLong("tasks"), number(rs.getObject("waiting_p50")), number(rs.getObject("waiting_p90")),
                number(rs.getObject("working_p50")), number(rs.getObject("working_p90")), rs.getLong("breaches"),
                rs.getLong("decisions"), rs.getLong("changes"), rs.getLong("rejections")));
    }

    /** Per stage: the task as drawn ({@code review}, {@code revise}, …) and, for routed stages, its name. */
    public List<Stats> byStage(InsightsFilter filter) {
        return grouped(filter, "x.task_name", "x.step", "", null);
    }

    /** Per step of the diagram (task definition key = element id), for the heat map. */
    public List<Stats> byStep(InsightsFilter filter) {
        return grouped(filter, "x.step", "x.task_name", "", null);
    }

    /** Per reviewer: who decided review stages (the task's assignee). */
    public List<Stats> byReviewer(InsightsFilter filter) {
        return grouped(filter, "x.assignee", "x.assignee", "", "x.decision > 0 and x.assignee is not null");
    }

    /** Per channel of the post: a task of a post with two channels counts for both. */
    public List<Stats> byChannel(InsightsFilter filter) {
        return grouped(filter, "v.channel_key", "v.channel_key", " join post_variant v on v.post_id = x.post_id",
                "x.decision > 0");
    }

    public List<Stats> byCampaign(InsightsFilter filter) {
        return grouped(filter, "coalesce(x.campaign, '(no campaign)')", "coalesce(x.campaign, '(no campaign)')", "",
                "x.decision > 0");
    }

    /** Over all review decisions of the period. */
    public Stats reviews(InsightsFilter filter) {
        List<Stats> all = grouped(filter, null, null, "", "x.decision > 0");
        return all.isEmpty() ? new Stats("all", "all", 0, null, null, null, null, 0, 0, 0, 0) : all.get(0);
    }

    // ---- stuck now ---------------------------------------------------------------------------------------------

    /** Open tasks past their due date, longest overdue first (at most {@code limit}). */
    public List<Stuck> stuckNow(InsightsFilter filter, Instant now, int limit) {
        MapSqlParameterSource p = params(filter).addValue("now", Timestamp.from(now)).addValue("limit", limit);
        return jdbc.query("select ti.ID_, ti.NAME_, ti.ASSIGNEE_, ti.START_TIME_, ti.DUE_DATE_, ti.PROC_INST_ID_,"
                + " p.id as post_id, p.title from ACT_HI_TASKINST ti"
                + " join ACT_HI_PROCINST hp on hp.ID_ = ti.PROC_INST_ID_"
                + " left join post p on p.id = hp.BUSINESS_KEY_"
                + " where ti.PROC_DEF_KEY_ = :process and ti.END_TIME_ is null and ti.DUE_DATE_ < :now"
                + postFilter(filter) + " order by ti.DUE_DATE_ asc, ti.ID_ fetch first :limit rows only", p,
                (rs, i) -> new Stuck(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)), rs.getString(6), rs.getString(7), rs.getString(8)));
    }

    public long stuckCount(InsightsFilter filter, Instant now) {
        MapSqlParameterSource p = params(filter).addValue("now", Timestamp.from(now));
        Long n = jdbc.queryForObject("select count(*) from ACT_HI_TASKINST ti"
                + " join ACT_HI_PROCINST hp on hp.ID_ = ti.PROC_INST_ID_ left join post p on p.id = hp.BUSINESS_KEY_"
                + " where ti.PROC_DEF_KEY_ = :process and ti.END_TIME_ is null and ti.DUE_DATE_ < :now"
                + postFilter(filter), p, Long.class);
        return n == null ? 0 : n;
    }

    // ---- throughput ------------------------------------------------------------------------------------------

    /** Per ISO week (Monday): posts submitted, decisions by kind, posts published. */
    public List<Week> throughput(InsightsFilter filter) {
        Map<LocalDate, long[]> weeks = new TreeMap<>();
        MapSqlParameterSource p = params(filter);
        jdbc.query("select " + sql.week("hp.START_TIME_") + " as w, count(*) from ACT_HI_PROCINST hp"
                + " left join post p on p.id = hp.BUSINESS_KEY_"
                + " where hp.PROC_DEF_KEY_ = :process and hp.START_TIME_ >= :start and hp.START_TIME_ < :end"
                + postFilter(filter) + " group by " + sql.week("hp.START_TIME_"), p,
                rs -> { weeks.computeIfAbsent(rs.getDate(1).toLocalDate(), w -> new long[5])[0] += rs.getLong(2); });
        // decisions straight from the review comments of tasks ended in the period (no claim lookups needed)
        String decision = "case when c.MESSAGE_ like 'Rejected%' then " + REJECTED + " when c.MESSAGE_ like 'Changes requested%' then "
                + CHANGES + " else " + APPROVED + " end";
        jdbc.query("select " + sql.week("ti.END_TIME_") + " as w, " + decision + " as d, count(*) from ACT_HI_TASKINST ti"
                + " join ACT_HI_COMMENT c on c.TASK_ID_ = ti.ID_"
                + " join ACT_HI_PROCINST hp on hp.ID_ = ti.PROC_INST_ID_ left join post p on p.id = hp.BUSINESS_KEY_"
                + " where ti.PROC_DEF_KEY_ = :process and ti.END_TIME_ >= :start and ti.END_TIME_ < :end"
                + " and ti.DELETE_REASON_ = 'completed' and (c.MESSAGE_ like 'Rejected%' or c.MESSAGE_ like 'Changes requested%'"
                + " or c.MESSAGE_ like 'Approved%')" + postFilter(filter)
                + " group by " + sql.week("ti.END_TIME_") + ", " + decision, p,
                rs -> { weeks.computeIfAbsent(rs.getDate(1).toLocalDate(), w -> new long[5])[rs.getInt(2)] += rs.getLong(3); });
        jdbc.query("select " + sql.week("v.published_at") + " as w, count(distinct v.post_id) from post_variant v"
                + " join post p on p.id = v.post_id where v.published_at >= :start and v.published_at < :end"
                + postFilter(filter) + " group by " + sql.week("v.published_at"), p,
                rs -> { weeks.computeIfAbsent(rs.getDate(1).toLocalDate(), w -> new long[5])[4] += rs.getLong(2); });
        List<Week> out = new ArrayList<>();
        weeks.forEach((w, c) -> out.add(new Week(w, c[0], c[APPROVED], c[CHANGES], c[REJECTED], c[4])));
        return out;
    }

    // ---- time in every step ------------------------------------------------------------------------------

    /** Median and p90 time spent in each step that took time (ACT_HI_ACTINST), ended in the period. */
    public List<Step> timeInSteps(InsightsFilter filter) {
        return jdbc.query("select a.ACT_ID_, min(a.ACT_NAME_), min(a.ACT_TYPE_), count(*),"
                + " percentile_cont(0.5) within group (order by a.DURATION_),"
                + " percentile_cont(0.9) within group (order by a.DURATION_)"
                + " from ACT_HI_ACTINST a join ACT_HI_PROCINST hp on hp.ID_ = a.PROC_INST_ID_"
                + " left join post p on p.id = hp.BUSINESS_KEY_"
                + " where a.PROC_DEF_KEY_ = :process and a.END_TIME_ >= :start and a.END_TIME_ < :end"
                + " and a.DURATION_ > 0" + postFilter(filter)
                + " group by a.ACT_ID_ order by 5 desc", params(filter),
                (rs, i) -> new Step(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        number(rs.getObject(5)), number(rs.getObject(6))));
    }

    static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
