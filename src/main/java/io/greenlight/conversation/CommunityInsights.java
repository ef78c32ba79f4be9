package io.greenlight.conversation;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The community section of the Insights page ({@code @communityInsights.report(from, to)} in
 * {@code insights/index.html}, so insights needs no Java dependency on this module): first-response time p50/p90
 * against the SLA (due date), overall, per person and per channel, for conversations received in the period (UTC
 * days); and the backlog (conversations open) at the end of each day.
 */
@Component("communityInsights")
@Transactional(readOnly = true)
public class CommunityInsights {

    static final int MAX_DAYS = 92;

    private final ConversationRepository conversations;

    CommunityInsights(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    /** First responses of a group: how many were answered, p50/p90 in hours, and how many within their SLA. */
    public record Row(String key, int received, int answered, Double p50Hours, Double p90Hours, int withinSla) {
        public Integer withinSlaPercent() {
            return answered == 0 ? null : (int) Math.round(100.0 * withinSla / answered);
        }
    }

    public record Day(LocalDate day, long open) {
    }

    public record Report(Row overall, List<Row> perPerson, List<Row> perChannel, List<Day> backlog, long maxBacklog) {
    }

    public Report report(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        List<Conversation> relevant = conversations.findByClosedAtIsNullOrClosedAtGreaterThanEqual(start).stream()
                .filter(c -> c.getReceivedAt().isBefore(end)).toList();
        List<Conversation> received = relevant.stream().filter(c -> !c.getReceivedAt().isBefore(start)).toList();
        Row overall = row("all", received);
        List<Row> perPerson = grouped(received.stream().filter(c -> c.getFirstResponder() != null).toList(),
                Conversation::getFirstResponder);
        List<Row> perChannel = grouped(received, Conversation::getChannelKey);
        List<Day> backlog = new ArrayList<>();
        LocalDate first = to.minusDays(MAX_DAYS - 1).isAfter(from) ? to.minusDays(MAX_DAYS - 1) : from;
        for (LocalDate d = first; !d.isAfter(to); d = d.plusDays(1)) {
            OffsetDateTime dayEnd = d.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
            backlog.add(new Day(d, relevant.stream().filter(c -> c.getReceivedAt().isBefore(dayEnd)
                    && (c.getClosedAt() == null || !c.getClosedAt().isBefore(dayEnd))).count()));
        }
        long max = backlog.stream().mapToLong(Day::open).max().orElse(0);
        return new Report(overall, perPerson, perChannel, backlog, max);
    }

    private static List<Row> grouped(List<Conversation> list, Function<Conversation, String> key) {
        Map<String, List<Conversation>> groups = new TreeMap<>();
        list.forEach(c -> groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c));
        return groups.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
    }

    static Row row(String key, List<Conversation> list) {
        List<Conversation> answered = list.stream().filter(c -> c.getFirstResponseAt() != null).toList();
        List<Double> hours = answered.stream()
                .map(c -> Duration.between(c.getReceivedAt(), c.getFirstResponseAt()).toSeconds() / 3600.0)
                .sorted(Comparator.naturalOrder()).toList();
        int within = (int) answered.stream().filter(c -> c.getDueAt() == null || !c.getFirstResponseAt().isAfter(c.getDueAt())).count();
        return new Row(key, list.size(), answered.size(), percentile(hours, 50), percentile(hours, 90), within);
    }

    /** Nearest rank; null without values. Rounded to a tenth of an hour. */
    static Double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Math.round(sorted.get(Math.max(0, rank - 1)) * 10) / 10.0;
    }
}
