package io.greenlight.post.transfer;

import io.greenlight.post.Post;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.time.OffsetDateTime;
import java.util.List;

/** The posts an export writes: scheduled in a period, or all (newest first), both bounded. */
public interface TransferPosts extends Repository<Post, String> {

    @Query("select p from Post p where p.scheduledAt >= :from and p.scheduledAt < :to order by p.scheduledAt, p.title")
    List<Post> scheduledBetween(@Param("from") OffsetDateTime from, @Param("to") OffsetDateTime to, Pageable pageable);

    @Query("select p from Post p order by p.scheduledAt, p.createdAt")
    List<Post> all(Pageable pageable);
}
