package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVariant;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The posts a calendar shows: those scheduled in a period, and those still without a time. */
public interface CalendarPosts extends Repository<Post, String>, JpaSpecificationExecutor<Post> {

    @Query("select p from Post p where p.scheduledAt >= :from and p.scheduledAt < :to order by p.scheduledAt, p.title")
    List<Post> scheduledBetween(@Param("from") OffsetDateTime from, @Param("to") OffsetDateTime to);

    /**
     * The most recently changed posts without a time in these statuses that match the filter (and, when
     * {@code author} is given, are that user's) — filtered and limited in the database, not in memory: a team
     * with thousands of drafts still gets its calendar at once.
     */
    default List<Post> unscheduled(Collection<PostStatus> statuses, CalendarFilter filter, String onlyAuthor, int limit) {
        Specification<Post> spec = (post, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.isNull(post.get("scheduledAt")));
            where.add(post.get("status").in(statuses));
            if (onlyAuthor != null) {
                where.add(cb.equal(post.get("author"), onlyAuthor));
            }
            if (filter.author() != null) {
                where.add(cb.equal(post.get("author"), filter.author()));
            }
            if (filter.campaign() != null) {
                where.add(cb.equal(post.get("campaign"), filter.campaign()));
            }
            if (filter.region() != null) {
                where.add(cb.equal(cb.lower(cb.coalesce(post.get("region"), "global")), filter.region().toLowerCase(Locale.ROOT)));
            }
            if (filter.channel() != null) {
                Subquery<Long> variant = query.subquery(Long.class);
                var v = variant.from(PostVariant.class);
                variant.select(v.get("id")).where(cb.equal(v.get("post"), post), cb.equal(v.get("channel"), filter.channel()));
                where.add(cb.exists(variant));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return findBy(spec, q -> q.sortBy(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(limit).all());
    }

    @Query("select distinct p.region from Post p where p.region is not null order by p.region")
    List<String> regions();

    @Query("select distinct p.author from Post p order by p.author")
    List<String> authors();
}
