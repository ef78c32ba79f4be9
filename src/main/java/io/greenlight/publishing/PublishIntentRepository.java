package io.greenlight.publishing;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface PublishIntentRepository extends JpaRepository<PublishIntent, Long> {
    Optional<PublishIntent> findByIdempotencyKey(String idempotencyKey);

    List<PublishIntent> findByPostIdOrderByIdAsc(String postId);

    Optional<PublishIntent> findFirstByPostIdAndChannelOrderByContentVersionDesc(String postId, String channel);
}
