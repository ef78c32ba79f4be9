package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVariant;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The posts a calendar shows: those scheduled (or published) in a period, and those still without a time. */
public interface CalendarPosts extends Repository<Post, String>, JpaSpecificationExecutor<Post> {

    /**
     * The posts on the calendar in {@code [from, to)} that match the filter, in time order: published ones at the time
     * their first channel published them, the others at their scheduled time ({@link CalendarTime}).
     */
    default List<Post> onCalendarBetween(OffsetDateTime from, OffsetDateTime to, CalendarFilter filter) {
        Specification<Post> inPeriod = (post, query, cb) -> {
            Subquery<OffsetDateTime> firstOut = query.subquery(OffsetDateTime.class);
            Root<PostVariant> v = firstOut.from(PostVariant.class);
            firstOut.select(cb.least(v.<OffsetDateTime>get("publishedAt"))).where(cb.equal(v.get("post"), post));
            Expression<OffsetDateTime> shown = cb.coalesce(firstOut, post.<OffsetDateTime>get("scheduledAt"));
            return cb.and(cb.greaterThanOrEqualTo(shown, from), cb.lessThan(shown, to));
        };
        return findAll(filter.asSpecification().and(inPeriod), Sort.by("scheduledAt", "title")).stream()
                .sorted(Comparator.comparing(CalendarTime::of).thenComparing(Post::getTitle))
                .toList();
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
