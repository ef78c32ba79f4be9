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

/** The posts a calendar shows: those scheduled in a period, and those still without a time. */
public interface CalendarPosts extends Repository<Post, String>, JpaSpecificationExecutor<Post> {

    /** The posts scheduled in {@code [from, to)} that match the filter, in time order. */
    default List<Post> scheduledBetween(OffsetDateTime from, OffsetDateTime to, CalendarFilter filter) {
        Specification<Post> inPeriod = (post, query, cb) -> cb.and(
                cb.greaterThanOrEqualTo(post.<OffsetDateTime>get("scheduledAt"), from),
                cb.lessThan(post.<OffsetDateTime>get("scheduledAt"), to));
        return findAll(filter.asSpecification().and(inPeriod), Sort.by("scheduledAt", "title"));
    }

    /**
     * The most recently changed posts without a time in these statuses that match the filter (and, when
     * {@code onlyAuthor} is given, are that user's) — filtered and limited in the database, not in memory: a team
     * with thousands of drafts still gets its calendar at once.
     */
    default List<Post> unscheduled(Collection<PostStatus> statuses, CalendarFilter filter, String onlyAuthor, int limit) {
        Specification<Post> waiting = (post, query, cb) -> onlyAuthor == null
                ? cb.and(cb.isNull(post.get("scheduledAt")), post.get("status").in(statuses))
                : cb.and(cb.isNull(post.get("scheduledAt")), post.get("status").in(statuses), cb.equal(post.get("author"), onlyAuthor));
        return findBy(filter.asSpecification().and(waiting),
                q -> q.sortBy(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(limit).all());
    }

    @Query("select distinct p.region from Post p where p.region is not null order by p.region")
    List<String> regions();

    @Query("select distinct p.author from Post p order by p.author")
    List<String> authors();
}
