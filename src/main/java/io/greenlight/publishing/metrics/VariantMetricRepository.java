package io.greenlight.publishing.metrics;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface VariantMetricRepository extends JpaRepository<VariantMetric, Long> {
    List<VariantMetric> findByPostIdOrderByChannelAscReadAtAsc(String postId);

    Optional<VariantMetric> findByPostIdAndChannelAndReading(String postId, String channel, String reading);
}
