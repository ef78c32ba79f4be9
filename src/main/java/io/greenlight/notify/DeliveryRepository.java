package io.greenlight.notify;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.OffsetDateTime;
import java.util.List;

public interface DeliveryRepository extends JpaRepository<Delivery, Long> {

    @Query("select d.id from Delivery d where d.status = io.greenlight.notify.Delivery.Status.PENDING and d.nextAttemptAt <= ?1 order by d.nextAttemptAt")
    List<Long> due(OffsetDateTime now, Pageable page);

    /** Takes a due delivery for this node: moves its next attempt to the lease's end, only if nobody else did. */
    @Modifying
    @Query("update Delivery d set d.nextAttemptAt = ?3 where d.id = ?1 and d.status = io.greenlight.notify.Delivery.Status.PENDING and d.nextAttemptAt <= ?2")
    int lease(long id, OffsetDateTime now, OffsetDateTime leaseEnd);

    List<Delivery> findByPostIdOrderByCreatedAtAsc(String postId);

    List<Delivery> findByRecipientOrderByCreatedAtDesc(String recipient, Pageable page);
}
