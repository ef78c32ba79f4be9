package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/** The calendar's reads of posts: those still without a time, those published in a period, the filter's choices. */
public interface CalendarPosts extends Repository<Post, String>, JpaSpecificationExecutor<Post> {

    /**
     * The most recently changed posts without a time in these statuses that match the filter (and, when
     * {@code onlyAuthor} is given, are that user's) — filtered and limited in the database, not in memory: a team
     * with thousands of drafts still gets its calendar at once.
     */
    default List<Post> unscheduled(Collection<PostStatus> statuses, CalendarFilter filter, String onlyAuthor, int limit) {
        Specification<Post> waiting = (post, query, cb) -> onlyAuthor == null
                ? cb.and(cb.isNull(post.get("scheduledAt")), post.get("status").in(statuses))
                : cb.and(cb.isNull(post.get("scheduledAt")), post.get("status").in(statuses), cb.equal(post.get("author"), onlyAuthor));
        // "scheduledAt" first although it is null in every row: it tells the database to find the rows through an
        // index on scheduled_at; sorted by updatedAt alone, PostgreSQL walked the index on updated_at (V101) from the
        // newest change and filtered ~95,000 scheduled posts away at 100,000 posts (docs/performance.md)
        return findBy(filter.asSpecification().and(waiting),
                q -> q.sortBy(Sort.by(Sort.Direction.DESC, "scheduledAt", "updatedAt")).limit(limit).all());
    }

    /** The posts with a channel published in {@code [from, to)} ({@link CalendarQuery#between}). */
    @Query("select distinct v.post.id from PostVariant v where v.publishedAt >= :from and v.publishedAt < :to")
    List<String> postsPublishedBetween(@org.springframework.data.repository.query.Param("from") OffsetDateTime from,
                                       @org.springframework.data.repository.query.Param("to") OffsetDateTime to);

    @Query("select distinct p.region from Post p where p.region is not null order by p.region")
    List<String> regions();

    @Query("select distinct p.author from Post p order by p.author")
    List<String> authors();
}
