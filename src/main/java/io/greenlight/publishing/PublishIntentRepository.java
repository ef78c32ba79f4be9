package io.greenlight.publishing;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;

public interface PublishIntentRepository extends JpaRepository<PublishIntent, Long> {
    /** Twice per publish: written out, so Hibernate translates it once (a derived query is translated on every call). */
    @Query("select i from PublishIntent i where i.idempotencyKey = :key")
    Optional<PublishIntent> findByIdempotencyKey(@Param("key") String idempotencyKey);

    List<PublishIntent> findByPostIdOrderByIdAsc(String postId);

    Optional<PublishIntent> findFirstByPostIdAndChannelOrderByContentVersionDesc(String postId, String channel);
}
