package io.greenlight.external;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;

public interface ExternalReviewLinkRepository extends JpaRepository<ExternalReviewLink, String> {

    List<ExternalReviewLink> findByPostIdOrderByCreatedAtDesc(String postId);

    List<ExternalReviewLink> findByTaskIdAndStatus(String taskId, LinkStatus status);

    /** Moves a pending link to USED; 1 for the one request that may use it, 0 for every other. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update ExternalReviewLink l set l.status = io.greenlight.external.LinkStatus.USED, l.lockVersion = l.lockVersion + 1 "
            + "where l.id = :id and l.status = io.greenlight.external.LinkStatus.PENDING")
    int claim(@Param("id") String id);
}
