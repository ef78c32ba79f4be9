package io.greenlight.insights;

import io.greenlight.engine.EngineClock;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the Insights page and the weekly e-mail show, as {@link Table}s (one per chart, each exportable as CSV),
 * built from {@link ApprovalAnalytics} (the engine's history) and {@link ContentKpis} (metrics and clicks).
 */
@Service
public class InsightsDashboard {

    static final int STUCK_LIMIT = 50;
    static final int BEST_LIMIT = 10;
    static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private final ApprovalAnalytics approval;
    private final ContentKpis content;

    public InsightsDashboard(ApprovalAnalytics approval, ContentKpis content) {
        this.approval = approval;
        this.content = content;
    }

    /** A step of the diagram with its median waiting (user tasks) or time spent (other steps), for the heat map. */
    public record Heat(String activityId, String label, Double hours, int level) {
    }

    public record Dashboard(InsightsFilter filter, Instant generatedAt, ApprovalAnalytics.Stats reviews,
                            ApprovalAnalytics.Stats slowestStage, ApprovalAnalytics.Stats slowestReviewer,
                            long stuckCount, List<ApprovalAnalytics.Stuck> stuck, ContentKpis.Kpi kpis,
                            Map<String, Table> tables, List<Heat> heat) {

        public Table table(String key) {
            return tables.get(key);
        }

        public List<Table> approvalTables() {
            return List.of(tables.get("stages"), tables.get("reviewers"), tables.get("throughput"),
                    tables.get("channels-approval"), tables.get("campaigns-approval"), tables.get("steps"));
        }

        /** Heat level 0–4 of a time-of-week cell relative to the best slot. */
        public int level(Object value) {
            if (!(value instanceof Number n)) {
                return -1;
            }
            double max = tables.get("time-of-week").rows().stream().flatMap(r -> r.stream().skip(1))
                    .filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
            return max <= 0 ? 0 : (int) Math.min(4, Math.floor(n.doubleValue() / max * 4.999));
        }

        public List<Table> contentTables() {
            return List.of(tables.get("content-channels"), tables.get("content-weeks"), tables.get("content-campaigns"),
                    tables.get("best-posts"));
        }
    }

    /** Dashboards built in the last {@link #CACHE_FOR}, per filter and engine minute: the CSV exports reuse them. */
    static final java.time.Duration CACHE_FOR = java.time.Duration.ofMinutes(1);
    private final Map<String, Map.Entry<Long, Dashboard>> recent = new java.util.concurrent.ConcurrentHashMap<>();

    /** The dashboard for the filter; numbers are at most a minute old (see {@link #CACHE_FOR}). */
    public Dashboard build(InsightsFilter filter) {
        Instant now = EngineClock.now().toInstant();
        String key = filter + "@" + now.getEpochSecond() / 60;
        long wallClock = System.currentTimeMillis();
        recent.values().removeIf(e -> wallClock - e.getKey() > CACHE_FOR.toMillis());
        Map.Entry<Long, Dashboard> hit = recent.get(key);
        if (hit != null) {
            return hit.getValue();
        }
        Dashboard built = compute(filter, now);
        recent.put(key, Map.entry(wallClock, built));
        return built;
    }

    private Dashboard compute(InsightsFilter filter, Instant now) {
        Map<String, Table> tables = new LinkedHashMap<>();
        List<ApprovalAnalytics.Stats> stages = approval.byStage(filter);
        List<ApprovalAnalytics.Stats> reviewers = approval.byReviewer(filter);
        tables.put("stages", stats("stages", "Waiting and working time per stage", "Stage", stages, true,
                "Tasks completed in the period. Waiting: created → first claimed or assigned; working: claimed → completed"
                        + " (hours). Rejection rate = rejections ÷ decisions."));
        tables.put("reviewers", stats("reviewers", "Who holds posts longest: reviewers", "Reviewer", reviewers, false,
                "Review decisions in the period by the reviewer who decided (hours)."));
        tables.put("channels-approval", stats("channels-approval", "Approval time per channel", "Channel",
                approval.byChannel(filter), false, "Review decisions of posts with a variant for the channel (a post with two"
                        + " channels counts for both)."));
        tables.put("campaigns-approval", stats("campaigns-approval", "Approval time per campaign", "Campaign",
                approval.byCampaign(filter), false, "Review decisions in the period, by the post's campaign."));
        tables.put("throughput", throughput(approval.throughput(filter)));
        List<ApprovalAnalytics.Step> steps = approval.timeInSteps(filter);
        tables.put("steps", steps(steps));
        tables.put("content-channels", kpis("content-channels", "Engagements and clicks per channel", "Channel",
                content.byChannel(filter)));
        tables.put("content-campaigns", kpis("content-campaigns", "Engagements and clicks per campaign", "Campaign",
                content.byCampaign(filter)));
        tables.put("content-weeks", kpis("content-weeks", "Engagements and clicks per week of publishing", "Week",
                content.byWeek(filter)));
        tables.put("best-posts", best(content.best(filter, BEST_LIMIT)));
        tables.put("time-of-week", timeOfWeek(content.timeOfWeek(filter)));
        List<ApprovalAnalytics.Stuck> stuck = approval.stuckNow(filter, now, STUCK_LIMIT);
        tables.put("stuck", stuck(stuck, now));
        return new Dashboard(filter, now, approval.reviews(filter), slowest(stages), slowest(reviewers),
                approval.stuckCount(filter, now), stuck, content.total(filter), tables,
                heat(approval.byStep(filter), steps));
    }

    private static ApprovalAnalytics.Stats slowest(List<ApprovalAnalytics.Stats> stats) {
        return stats.stream().filter(s -> s.waitingMedian() != null).findFirst().orElse(null);
    }

    private static Table stats(String key, String title, String name, List<ApprovalAnalytics.Stats> stats,
                               boolean withStep, String note) {
        List<String> columns = new ArrayList<>(List.of(name));
        if (withStep) {
            columns.add("Step");
        }
        columns.addAll(List.of("Tasks", "Waiting median (h)", "Waiting p90 (h)", "Working median (h)", "Working p90 (h)",
                "SLA breaches", "Decisions", "Changes requested", "Rejections", "Rejection rate (%)"));
        List<List<Object>> rows = new ArrayList<>();
        for (ApprovalAnalytics.Stats s : stats) {
            List<Object> row = new ArrayList<>();
            row.add(s.key());
            if (withStep) {
                row.add(s.label());
            }
            row.addAll(Arrays.asList(s.tasks(), Numbers.hours(s.waitingMedian()), Numbers.hours(s.waitingP90()),
                    Numbers.hours(s.workingMedian()), Numbers.hours(s.workingP90()), s.slaBreaches(), s.decisions(),
                    s.changes(), s.rejections(), s.rejectionRate()));
            rows.add(row);
        }
        int first = withStep ? 3 : 2;
        return new Table(key, title, note, columns, rows, "bar", List.of(first, first + 2));
    }

    private static Table throughput(List<ApprovalAnalytics.Week> weeks) {
        List<List<Object>> rows = new ArrayList<>();
        weeks.forEach(w -> rows.add(List.of(w.week().toString(), w.submitted(), w.approvals(), w.changes(),
                w.rejections(), w.published())));
        return new Table("throughput", "Throughput per week", "Weeks start on Monday (UTC). Submitted: review rounds"
                + " started; decisions by kind; published: posts with a variant published that week.",
                List.of("Week", "Submitted", "Approvals", "Changes requested", "Rejections", "Published"), rows, "line",
                List.of(1, 2, 3, 4, 5));
    }

    private static Table steps(List<ApprovalAnalytics.Step> steps) {
        List<List<Object>> rows = new ArrayList<>();
        steps.forEach(s -> rows.add(Arrays.asList(s.name() == null ? s.activityId() : s.name(), s.activityId(), s.type(),
                s.count(), Numbers.hours(s.median()), Numbers.hours(s.p90()))));
        return new Table("steps", "Time spent in every step", "Every step of post-approval that took time and ended in"
                + " the period (Camunda's activity history), in hours.",
                List.of("Step", "Element", "Type", "Count", "Median (h)", "p90 (h)"), rows, "bar", List.of(4, 5));
    }

    private static Table kpis(String key, String title, String name, List<ContentKpis.Kpi> kpis) {
        List<List<Object>> rows = new ArrayList<>();
        kpis.forEach(k -> rows.add(Arrays.asList(k.key(), k.published(), k.withMetrics(), k.likes(), k.reposts(),
                k.replies(), k.engagements(), k.engagementRate(), k.clicks(), k.clicksPerPost())));
        return new Table(key, title, "Variants published in the period. Engagements = likes + reposts + replies of the"
                + " latest reading. Engagement rate = engagements ÷ variants with a reading (the networks report no"
                + " impressions). Clicks: Greenlight's short links, clicks per variant = clicks ÷ published variants.",
                List.of(name, "Published variants", "With a reading", "Likes", "Reposts", "Replies", "Engagements",
                        "Engagements per variant with a reading", "Clicks", "Clicks per variant"), rows, "bar",
                List.of(6, 8));
    }

    private static Table best(List<ContentKpis.BestPost> best) {
        List<List<Object>> rows = new ArrayList<>();
        best.forEach(b -> rows.add(Arrays.asList(b.title(), b.channels(), b.published() == null ? null
                : b.published().toString(), b.engagements(), b.clicks(), b.postId())));
        return new Table("best-posts", "Best posts", "Posts published in the period with the most engagements + clicks"
                + " over all their channels.", List.of("Post", "Channels", "Published", "Engagements", "Clicks", "Post id"),
                rows, "bar", List.of(3, 4));
    }

    private static Table timeOfWeek(List<ContentKpis.Slot> slots) {
        List<String> columns = new ArrayList<>(List.of("Day (UTC)"));
        for (int s = 0; s < 8; s++) {
            columns.add(String.format(java.util.Locale.ROOT, "%02d–%02d", s * 3, s * 3 + 3));
        }
        Object[][] grid = new Object[7][9];
        for (int d = 0; d < 7; d++) {
            grid[d][0] = DAYS[d];
        }
        slots.forEach(s -> grid[s.dayOfWeek() - 1][s.slot() + 1] = s.averageEngagements());
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : grid) {
            rows.add(Arrays.asList(row));
        }
        return new Table("time-of-week", "Best time of week to publish", "Average engagements per variant (with a reading)"
                + " by the day and 3-hour slot it was published, in UTC. Empty: nothing published then.", columns, rows,
                "none", List.of());
    }

    private static Table stuck(List<ApprovalAnalytics.Stuck> stuck, Instant now) {
        List<List<Object>> rows = new ArrayList<>();
        stuck.forEach(s -> rows.add(Arrays.asList(s.title() == null ? s.postId() : s.title(), s.taskName(),
                s.assignee() == null ? "(unclaimed)" : s.assignee(), s.created().toString(), s.due().toString(),
                Numbers.hours(now.toEpochMilli() - s.due().toEpochMilli()), s.cockpitUrl())));
        return new Table("stuck", "Stuck now", "Open tasks past their due date, longest overdue first.",
                List.of("Post", "Task", "Assignee", "Created", "Due", "Overdue (h)", "Cockpit"), rows, "none", List.of());
    }

    /** Heat level 0–4 relative to the slowest step; user tasks by median waiting, other steps by median duration. */
    static List<Heat> heat(List<ApprovalAnalytics.Stats> userTasks, List<ApprovalAnalytics.Step> steps) {
        Map<String, Heat> out = new LinkedHashMap<>();
        for (ApprovalAnalytics.Stats s : userTasks) {
            if (s.waitingMedian() != null) {
                out.put(s.key(), new Heat(s.key(), "waits " + hoursText(s.waitingMedian()), s.waitingMedian(), 0));
            }
        }
        for (ApprovalAnalytics.Step s : steps) {
            String id = s.activityId().replace("#multiInstanceBody", "");
            // other steps only when they take a minute or more (gateways and quick service tasks would be noise)
            if (!out.containsKey(id) && s.median() != null && s.median() >= 60_000 && !List.of("multiInstanceBody", "subProcess").contains(s.type())) {
                out.put(id, new Heat(id, "takes " + hoursText(s.median()), s.median(), 0));
            }
        }
        double max = out.values().stream().map(Heat::hours).mapToDouble(Double::doubleValue).max().orElse(0);
        List<Heat> result = new ArrayList<>();
        out.values().forEach(h -> result.add(new Heat(h.activityId(), h.label(), Numbers.hours(h.hours()),
                max <= 0 ? 0 : (int) Math.min(4, Math.floor(h.hours() / max * 4.999)))));
        return result;
    }

    public static String hoursText(Double millis) {
        if (millis == null) {
            return "–";
        }
        double h = millis / 3_600_000d;
        return h >= 48 ? String.format(java.util.Locale.ROOT, "%.1f d", h / 24) : h >= 1 ? String.format(java.util.Locale.ROOT, "%.1f h", h)
                : String.format(java.util.Locale.ROOT, "%.0f min", Math.max(0, millis / 60_000d));
    }

    public Optional<Table> table(InsightsFilter filter, String key) {
        return Optional.ofNullable(build(filter).tables().get(key));
    }
}
