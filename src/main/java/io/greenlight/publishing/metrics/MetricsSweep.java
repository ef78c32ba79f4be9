package io.greenlight.publishing.metrics;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ChannelService;
import io.greenlight.engine.EngineClock;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One reading for every variant that is due for it: published (with an external id) between
 * {@code after + catchUp} and {@code after} ago, on a network whose connector has metrics, and without a
 * {@code variant_metric} row for that reading yet, oldest first. At most {@code greenlight.metrics.per-sweep}
 * network calls and no new one after {@code greenlight.metrics.sweep-budget}, so one job stays short; the rest are
 * left to another run ({@link Result#moreDue()}: the diagram loops back to the task while it is true, each time a
 * new job, else the next sweep reads them). A channel that failed {@value #FAILURES_PER_CHANNEL} times in a run is
 * not asked again in that run (its network is probably down), so it does not use up the calls of the others.
 * <p>
 * Each reading is stored in its own transaction. A failing network call, or a network that gives no counts for this
 * post, stores nothing and fails nothing: the variant is asked again by the next sweep while it is in its window.
 * A sweep that runs twice (the engine runs a job at least once) reads only what the first run did not store, and
 * a reading is never stored twice ({@code uq_variant_metric}).
 */
@Component
public class MetricsSweep {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsSweep.class);
    static final int FAILURES_PER_CHANNEL = 3;
    /** Due variants looked at per sweep, per network call allowed (room for the skipped ones). */
    private static final int ROWS_PER_CALL = 10;

    private static final String DUE = """
            select v.post_id, v.channel_key, v.external_id
              from post_variant v join channel c on c.channel_key = v.channel_key
             where v.published_at >= :from and v.published_at <= :to
               and v.status = 'PUBLISHED' and v.external_id is not null
               and c.network in (:networks)
               and not exists (select 1 from variant_metric m
                                where m.post_id = v.post_id and m.channel_key = v.channel_key and m.reading = :reading)
             order by v.published_at, v.post_id, v.channel_key
             fetch first :cap rows only""";

    /**
     * What one sweep did: variants found due (at most 10 per allowed call), networks asked, readings stored …;
     * {@code dueLeft}: it stopped at the cap or the budget, or found more due variants than it looks at, so due
     * variants may be left.
     */
    public record Result(int due, int asked, int stored, int withoutCounts, int failed, boolean dueLeft) {

        /**
         * Worth running again at once: due variants are left and this run stored at least one reading. A run that
         * stored nothing (e.g. only variants whose network fails are left) is not repeated, so a loop on this always
         * ends: each round stores a reading that no later round looks for again.
         */
        public boolean moreDue() {
            return dueLeft && stored > 0;
        }
    }

    private record Due(String postId, String channel, String externalId) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final VariantMetricRepository readings;
    private final ChannelRepository channels;
    private final ChannelService channelService;
    private final Map<String, Publisher> withMetrics;
    private final TransactionTemplate ownTransaction;
    private final int perSweep;
    private final Duration budget;

    public MetricsSweep(NamedParameterJdbcTemplate jdbc, VariantMetricRepository readings, ChannelRepository channels,
                        ChannelService channelService, List<Publisher> publishers, PlatformTransactionManager transactions,
                        @Value("${greenlight.metrics.per-sweep:100}") int perSweep,
                        @Value("${greenlight.metrics.sweep-budget:PT10S}") Duration budget) {
        this.jdbc = jdbc;
        this.readings = readings;
        this.channels = channels;
        this.channelService = channelService;
        this.withMetrics = publishers.stream().filter(Publisher::hasMetrics)
                .collect(Collectors.toMap(Publisher::network, Function.identity()));
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.perSweep = perSweep;
        this.budget = budget;
    }

    public Result sweep(String reading, Duration after, Duration catchUp) {
        if (withMetrics.isEmpty()) {
            return new Result(0, 0, 0, 0, 0, false);
        }
        OffsetDateTime now = EngineClock.now();
        int looked = perSweep * ROWS_PER_CALL;
        List<Due> due = jdbc.query(DUE, new MapSqlParameterSource()
                        .addValue("from", now.minus(after).minus(catchUp)).addValue("to", now.minus(after))
                        .addValue("networks", withMetrics.keySet()).addValue("reading", reading).addValue("cap", looked),
                (rs, i) -> new Due(rs.getString("post_id"), rs.getString("channel_key"), rs.getString("external_id")));
        long stopAt = System.nanoTime() + budget.toNanos();
        Map<String, Optional<Channel>> channelsSeen = new HashMap<>();
        Map<String, Integer> failures = new HashMap<>();
        int stored = 0;
        int withoutCounts = 0;
        int failed = 0;
        int asked = 0;
        boolean dueLeft = due.size() >= looked;
        for (Due variant : due) {
            if (asked >= perSweep || (asked > 0 && System.nanoTime() > stopAt)) {
                LOG.info("Metrics {}: due variants are left for another run ({} network calls made; at most {}"
                        + " or {} per run)", reading, asked, perSweep, budget);
                dueLeft = true;
                break;
            }
            if (failures.getOrDefault(variant.channel(), 0) >= FAILURES_PER_CHANNEL) {
                continue;
            }
            try {
                Channel channel = channelsSeen.computeIfAbsent(variant.channel(), channels::findById).orElse(null);
                Publisher publisher = channel == null ? null : withMetrics.get(channel.getNetwork());
                if (publisher == null) {
                    continue;
                }
                asked++;
                Optional<EngagementCounts> counts = publisher.metrics(channel, channelService.credentialsOf(channel),
                        variant.externalId());
                if (counts.isEmpty()) {
                    withoutCounts++;
                    LOG.debug("Metrics {} of post {} on {}: the network gives none now", reading, variant.postId(), variant.channel());
                } else if (store(variant, reading, counts.get())) {
                    stored++;
                }
            } catch (RuntimeException e) {
                failed++;
                failures.merge(variant.channel(), 1, Integer::sum);
                LOG.warn("Metrics {} of post {} on {} could not be read, the next sweep tries again: {}", reading,
                        variant.postId(), variant.channel(), e.getMessage());
            }
        }
        if (!due.isEmpty()) {
            LOG.info("Metrics {}: {} due, {} asked, {} stored, {} without counts, {} failed", reading, due.size(), asked,
                    stored, withoutCounts, failed);
        }
        return new Result(due.size(), asked, stored, withoutCounts, failed, dueLeft);
    }

    /** Stores the reading unless a concurrent run already did; false then. */
    private boolean store(Due variant, String reading, EngagementCounts counts) {
        try {
            return Boolean.TRUE.equals(ownTransaction.execute(status -> {
                if (readings.findByPostIdAndChannelAndReading(variant.postId(), variant.channel(), reading).isPresent()) {
                    return false;
                }
                VariantMetric metric = new VariantMetric(variant.postId(), variant.channel(), reading);
                metric.update(counts, EngineClock.now());
                readings.saveAndFlush(metric);
                return true;
            }));
        } catch (DataIntegrityViolationException e) {
            LOG.debug("Metrics {} of post {} on {}: stored by a concurrent run", reading, variant.postId(), variant.channel());
            return false;
        }
    }
}
