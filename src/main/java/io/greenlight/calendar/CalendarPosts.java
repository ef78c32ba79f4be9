package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/** The posts a calendar shows: those scheduled in a period, and those still without a time. */
public interface CalendarPosts extends Repository<Post, String> {

    @Query("select p from Post p where p.scheduledAt >= :from and p.scheduledAt < :to order by p.scheduledAt, p.title")
    List<Post> scheduledBetween(@Param("from") OffsetDateTime from, @Param("to") OffsetDateTime to);

    @Query("select p from Post p where p.scheduledAt is null and p.status in :statuses order by p.updatedAt desc")
    List<Post> unscheduled(@Param("statuses") Collection<PostStatus> statuses);

    @Query("select distinct p.region from Post p where p.region is not null order by p.region")
    List<String> regions();

    @Query("select distinct p.author from Post p order by p.author")
    List<String> authors();
}
