package io.greenlight.publishing.recall;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface VariantRecallRepository extends JpaRepository<VariantRecall, Long> {

    List<VariantRecall> findByPostIdOrderByChannelAsc(String postId);

    Optional<VariantRecall> findByPostIdAndChannel(String postId, String channel);
}
