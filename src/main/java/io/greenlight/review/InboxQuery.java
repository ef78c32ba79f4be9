package io.greenlight.review;

import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox's selection in SQL of its own, reading Camunda's task tables (read only, the columns every 7.x schema
 * has): tasks assigned to the user, or unassigned and offered to the user or one of their groups.
 * <p>
 * Camunda's own query for this ({@code TaskQuery.or()…}) joins every task with its candidates and takes
 * {@code distinct} of the result, so the database reads every open task the user may see before it can return the
 * first 50: 21,500 rows a view with 5,000 open reviews (docs/performance.md). Here the candidates are an
 * {@code exists} per task, and {@code gl_idx_task_due} ({@link io.greenlight.engine.EngineIndexes}) hands the tasks
 * over in the inbox's order (earliest due, then oldest), so a page reads about as many tasks as it shows; the count
 * stops at {@value #COUNT_CAP} unless an exact total is asked for. The order and the selection are Camunda's: the
 * same {@code order by DUE_DATE_, CREATE_TIME_} its query writes, so nulls sort as they did on each database.
 */
@Component
public class InboxQuery {

    /** The inbox page counts up to this many tasks and then says "1,000+". */
    public static final int COUNT_CAP = 1000;
    /** At most this many ids in one {@code in} list. */
    static final int IN_LIST = 500;
    /** Camunda's own order for {@code orderByDueDate().asc().orderByTaskCreateTime().asc()}, made total by the id. */
    private static final String ORDER = " order by RES.DUE_DATE_ asc, RES.CREATE_TIME_ asc, RES.ID_ asc";

    private final NamedParameterJdbcTemplate jdbc;
    private final ManagementService management;
    private volatile Tables tables;

    public InboxQuery(NamedParameterJdbcTemplate jdbc, ManagementService management) {
        this.jdbc = jdbc;
        this.management = management;
    }

    private record Tables(String task, String link, String execution) {
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            t = new Tables(management.getTableName(TaskEntity.class), management.getTableName(IdentityLinkEntity.class),
                    management.getTableName(ExecutionEntity.class));
            tables = t;
        }
        return t;
    }

    /** The ids of one page of the user's tasks, in the inbox's order. */
    public List<String> pageIds(CurrentUser user, String postId, int first, int max) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "select RES.ID_ from " + tables().task() + " RES where " + offeredTo(user, postId, params)
                + ORDER + " offset " + Math.max(0, first) + " rows fetch next " + Math.max(1, max) + " rows only";
        return jdbc.queryForList(sql, params, String.class);
    }

    /** A task of the inbox as far as a queue needs it. */
    public record Row(String id, String processDefinitionId, String taskKey) {
    }

    /** The first {@code max} of the user's tasks, in the inbox's order, without anything else of them. */
    public List<Row> firstRows(CurrentUser user, int max) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "select RES.ID_, RES.PROC_DEF_ID_, RES.TASK_DEF_KEY_ from " + tables().task() + " RES where "
                + offeredTo(user, params) + ORDER + " fetch first " + Math.max(1, max) + " rows only";
        return jdbc.query(sql, params, (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /**
     * The ids of every task the user may work on among these posts' tasks, in the inbox's order within each
     * {@value #IN_LIST} posts (e.g. one holiday period's reviews). The same selection as the inbox page's.
     */
    public List<String> idsOfPosts(CurrentUser user, Collection<String> postIds) {
        List<String> keys = postIds.stream().filter(k -> k != null && !k.isBlank()).distinct().toList();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += IN_LIST) {   // bounded IN lists
            MapSqlParameterSource params = new MapSqlParameterSource("postIds", keys.subList(i, Math.min(keys.size(), i + IN_LIST)));
            String sql = "select RES.ID_ from " + tables().task() + " RES where " + offeredTo(user, params)
                    + " and RES.PROC_INST_ID_ in (select E.ID_ from " + tables().execution()
                    + " E where E.BUSINESS_KEY_ in (:postIds) and E.PARENT_ID_ is null)" + ORDER;
            ids.addAll(jdbc.queryForList(sql, params, String.class));
        }
        return ids;
    }

    /** How many tasks the user may work on; at most {@code cap} (a bounded read), or exactly with {@code Long.MAX_VALUE}. */
    public long count(CurrentUser user, String postId, long cap) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String select = "select RES.ID_ from " + tables().task() + " RES where " + offeredTo(user, postId, params);
        String sql = cap == Long.MAX_VALUE ? "select count(*) from (" + select + ") C"
                : "select count(*) from (" + select + " fetch first " + cap + " rows only) C";
        Long n = jdbc.queryForObject(sql, params, Long.class);
        return n == null ? 0 : n;
    }

    /** The candidate groups of these tasks, in one query (task id → groups). */
    public Map<String, List<String>> candidateGroups(Collection<String> taskIds) {
        Map<String, List<String>> groups = new HashMap<>();
        if (taskIds.isEmpty()) {
            return groups;
        }
        List<String> ids = List.copyOf(taskIds);
        for (int i = 0; i < ids.size(); i += IN_LIST) {   // bounded IN lists
            MapSqlParameterSource params = new MapSqlParameterSource("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST)))
                    .addValue("type", IdentityLinkType.CANDIDATE);
            jdbc.query("select TASK_ID_, GROUP_ID_ from " + tables().link()
                            + " where TASK_ID_ in (:ids) and TYPE_ = :type and GROUP_ID_ is not null order by GROUP_ID_",
                    params, rs -> {
                        groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
        }
        return groups;
    }

    private String offeredTo(CurrentUser user, String postId, MapSqlParameterSource params) {
        String where = offeredTo(user, params);
        if (postId != null && !postId.isBlank()) {
            params.addValue("postId", postId);
            where += " and RES.PROC_INST_ID_ in (select E.ID_ from " + tables().execution()
                    + " E where E.BUSINESS_KEY_ = :postId and E.PARENT_ID_ is null)";
        }
        return where;
    }

    /** Assigned to the user, or unassigned and offered to them or one of their groups. */
    private String offeredTo(CurrentUser user, MapSqlParameterSource params) {
        params.addValue("user", user.id()).addValue("type", IdentityLinkType.CANDIDATE);
        StringBuilder candidates = new StringBuilder("I.USER_ID_ = :user");
        if (!user.groups().isEmpty()) {
            params.addValue("groups", List.copyOf(user.groups()));
            candidates.append(" or I.GROUP_ID_ in (:groups)");
        }
        return "(RES.ASSIGNEE_ = :user or (RES.ASSIGNEE_ is null and exists (select 1 from " + tables().link()
                + " I where I.TASK_ID_ = RES.ID_ and I.TYPE_ = :type and (" + candidates + "))))";
    }
}
