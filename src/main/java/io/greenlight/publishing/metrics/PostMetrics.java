package io.greenlight.publishing.metrics;

import io.greenlight.publishing.Publisher;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ChannelService;
import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.post.PostVariant;
import io.greenlight.engine.EngineClock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The readings of published variants' engagement ({@code variant_metric}, one per variant and reading), taken by
 * the {@code post-metrics} process ({@link MetricsSweep}) and shown on the post page and at
 * {@code GET /api/posts/{id}/metrics}.
 */
@Component
public class PostMetrics {

    public static final String PROCESS = "post-metrics";

    private final VariantMetricRepository readings;
    private final PostProgress posts;
    private final ChannelRepository channels;
    private final ChannelService channelService;
    private final Map<String, Publisher> publishers;

    public PostMetrics(VariantMetricRepository readings, PostProgress posts, ChannelRepository channels,
                       ChannelService channelService, List<Publisher> publishers) {
        this.readings = readings;
        this.posts = posts;
        this.channels = channels;
        this.channelService = channelService;
        this.publishers = publishers.stream().collect(Collectors.toMap(Publisher::network, Function.identity()));
    }

    /**
     * Reads one variant's engagement now and stores it under {@code reading}, replacing an earlier one. Used by the
     * instances of the former one-instance-per-variant {@code post-metrics} that still wait at a timer.
     *
     * @return false when the network gives no metrics (skipped, not failed)
     */
    @Transactional
    public boolean collect(String postId, String channelKey, String reading) {
        Post post = posts.require(postId);
        PostVariant variant = post.variant(channelKey).orElse(null);
        Channel channel = channels.findById(channelKey).orElse(null);
        if (variant == null || channel == null || variant.getExternalId() == null) {
            return false;
        }
        Publisher publisher = publishers.get(channel.getNetwork());
        if (publisher == null) {
            return false;
        }
        Optional<EngagementCounts> counts = publisher.metrics(channel, channelService.credentialsOf(channel), variant.getExternalId());
        if (counts.isEmpty()) {
            return false;
        }
        VariantMetric metric = readings.findByPostIdAndChannelAndReading(postId, channelKey, reading)
                .orElseGet(() -> new VariantMetric(postId, channelKey, reading));
        metric.update(counts.get(), EngineClock.now());
        readings.save(metric);
        return true;
    }

    @Transactional(readOnly = true)
    public List<VariantMetric> forPost(String postId) {
        return readings.findByPostIdOrderByChannelAscReadAtAsc(postId);
    }
}
