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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The posts a calendar shows: those scheduled (or published) in a period, and those still without a time. */
public interface CalendarPosts extends Repository<Post, String>, JpaSpecificationExecutor<Post> {

    /**
     * The posts on the calendar in {@code [from, to)} that match the filter, in time order: published ones at the time
     * their first channel published them, the others at their scheduled time ({@link CalendarTime}).
     * <p>
     * Two range queries on indexed columns ({@code post.scheduled_at}, {@code post_variant.published_at}) find every
     * candidate — a post shown in the period was either scheduled in it or has a channel that published in it — and
     * {@link CalendarTime} keeps those whose shown time falls in it. Computing each post's shown time in the query
     * instead made the database read every post and its variants for every view (docs/performance.md).
     */
    default List<Post> onCalendarBetween(OffsetDateTime from, OffsetDateTime to, CalendarFilter filter) {
        Specification<Post> scheduled = (post, query, cb) -> cb.and(
                cb.greaterThanOrEqualTo(post.<OffsetDateTime>get("scheduledAt"), from),
                cb.lessThan(post.<OffsetDateTime>get("scheduledAt"), to));
        Map<String, Post> candidates = new LinkedHashMap<>();
        findAll(filter.asSpecification().and(scheduled)).forEach(p -> candidates.put(p.getId(), p));
        // the posts with a channel published in the period, by their ids: as one query with a subquery, PostgreSQL
        // hashed the variants and read every post to join them (100,000 rows per view at 100,000 posts)
        List<String> published = postsPublishedBetween(from, to);
        for (int i = 0; i < published.size(); i += ID_CHUNK) {
            List<String> chunk = published.subList(i, Math.min(published.size(), i + ID_CHUNK));
            Specification<Post> inChunk = (post, query, cb) -> post.get("id").in(chunk);
            findAll(filter.asSpecification().and(inChunk)).forEach(p -> candidates.putIfAbsent(p.getId(), p));
        }
        return candidates.values().stream()
                .filter(p -> {
                    OffsetDateTime shown = CalendarTime.of(p);
                    return shown != null && !shown.isBefore(from) && shown.isBefore(to);
                })
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
        // "scheduledAt" first although it is null in every row: it tells the database to find the rows through an
        // index on scheduled_at; sorted by updatedAt alone, PostgreSQL walked the index on updated_at (V101) from the
        // newest change and filtered ~95,000 scheduled posts away at 100,000 posts (docs/performance.md)
        return findBy(filter.asSpecification().and(waiting),
                q -> q.sortBy(Sort.by(Sort.Direction.DESC, "scheduledAt", "updatedAt")).limit(limit).all());
    }

    /**
     * Ids looked up per query by {@link #onCalendarBetween}: a short {@code in} list, which PostgreSQL answers through
     * the primary key. With 1,000 ids it read the whole post table instead (107,000 rows a view at 100,000 posts
     * after a month with a 1,000-post burst, docs/performance.md).
     */
    int ID_CHUNK = 100;

    @Query("select distinct v.post.id from PostVariant v where v.publishedAt >= :from and v.publishedAt < :to")
    List<String> postsPublishedBetween(@org.springframework.data.repository.query.Param("from") OffsetDateTime from,
                                       @org.springframework.data.repository.query.Param("to") OffsetDateTime to);

    @Query("select distinct p.region from Post p where p.region is not null order by p.region")
    List<String> regions();

    @Query("select distinct p.author from Post p order by p.author")
    List<String> authors();
}
