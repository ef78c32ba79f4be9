package io.greenlight.publishing.local;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface FeedEntryRepository extends JpaRepository<FeedEntry, Long> {
    Optional<FeedEntry> findByPostIdAndChannel(String postId, String channel);

    List<FeedEntry> findAllByOrderByPublishedAtDesc(Pageable pageable);

    long countByPostId(String postId);
}
