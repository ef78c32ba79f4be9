package io.greenlight.notify;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface NotificationRepository extends JpaRepository<Notification, Long> {
    List<Notification> findByRecipientOrderByCreatedAtDesc(String recipient, Pageable pageable);

    List<Notification> findByRecipientAndReadAtIsNull(String recipient);

    long countByRecipientAndReadAtIsNull(String recipient);

    /** Unread notifications, counted up to {@code cap} only: the bell's read stays bounded however many pile up. */
    @org.springframework.data.jpa.repository.Query(nativeQuery = true, value = "select count(*) from (select 1 from notification "
            + "where recipient = :recipient and read_at is null fetch first :cap rows only) unread")
    long countUnreadUpTo(@org.springframework.data.repository.query.Param("recipient") String recipient,
                         @org.springframework.data.repository.query.Param("cap") int cap);
}
