package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The posts on the calendar in a period, as {@link CalendarPost}s: only the columns the calendar shows. A busy month is
 * thousands of posts; read as entities, each with its channels' texts, building them was most of a month view's time
 * (docs/performance.md).
 */
@Repository
class CalendarQuery {

    /**
     * Ids looked up per query: a short {@code in} list, which PostgreSQL answers through an index. With 1,000 ids it
     * read the whole table instead (107,000 rows a view at 100,000 posts after a month with a 1,000-post burst), and
     * joined in one query with the posts, the channels were read by a scan of every channel of every post
     * (docs/performance.md).
     */
    static final int ID_CHUNK = 250;

    private static final String CHANNELS = "select v.post.id, v.channel, v.publishedAt from PostVariant v where v.post.id in :ids";

    private final EntityManager em;
    private final CalendarPosts posts;

    CalendarQuery(EntityManager em, CalendarPosts posts) {
        this.em = em;
        this.posts = posts;
    }

    /**
     * The posts shown in {@code [from, to)} that match the filter, in time order, then by title: published ones at the
     * time their first channel published them, the others at their scheduled time ({@link CalendarTime}).
     * <p>
     * Two range queries on indexed columns ({@code post.scheduled_at}, {@code post_variant.published_at}) find every
     * candidate — a post shown in the period was either scheduled in it or has a channel that published in it — and
     * {@link CalendarTime} keeps those whose shown time falls in it. Computing each post's shown time in the query
     * instead made the database read every post and its variants for every view.
     */
    List<CalendarPost> between(OffsetDateTime from, OffsetDateTime to, CalendarFilter filter) {
        Map<String, Tuple> found = new LinkedHashMap<>();
        read(filter, (post, cb) -> cb.and(cb.greaterThanOrEqualTo(post.<OffsetDateTime>get("scheduledAt"), from),
                cb.lessThan(post.<OffsetDateTime>get("scheduledAt"), to)), found);
        // the posts with a channel published in the period, by their ids: as one query with a subquery, PostgreSQL
        // hashed the variants and read every post to join them (100,000 rows per view at 100,000 posts)
        List<String> published = new ArrayList<>(posts.postsPublishedBetween(from, to));
        published.removeAll(found.keySet());
        for (List<String> chunk : chunks(published)) {
            read(filter, (post, cb) -> post.get("id").in(chunk), found);
        }
        Map<String, List<Object[]>> channels = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(found.keySet()))) {
            for (Object[] row : em.createQuery(CHANNELS, Object[].class).setParameter("ids", chunk).getResultList()) {
                channels.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add(row);
            }
        }
        List<CalendarPost> shown = new ArrayList<>();
        for (Tuple row : found.values()) {
            CalendarPost post = post(row, channels.getOrDefault(row.get(0, String.class), List.of()));
            if (post.shownAt() != null && !post.shownAt().isBefore(from) && post.shownAt().isBefore(to)) {
                shown.add(post);
            }
        }
        shown.sort(Comparator.comparing(CalendarPost::shownAt).thenComparing(CalendarPost::title));
        return shown;
    }

    /** A condition on the post, beside the filter. */
    private interface Where {
        Predicate on(Root<Post> post, CriteriaBuilder cb);
    }

    /** Adds the posts matching the filter and {@code where} to {@code found}, by id. */
    private void read(CalendarFilter filter, Where where, Map<String, Tuple> found) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Tuple> query = cb.createTupleQuery();
        Root<Post> post = query.from(Post.class);
        query.multiselect(post.get("id"), post.get("title"), post.get("status"), post.get("campaign"),
                post.get("region"), post.get("author"), post.get("timeZone"), post.get("scheduledAt"));
        Specification<Post> matching = filter.asSpecification();
        query.where(cb.and(matching.toPredicate(post, query, cb), where.on(post, cb)));
        for (Tuple row : em.createQuery(query).getResultList()) {
            found.putIfAbsent(row.get(0, String.class), row);
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += ID_CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + ID_CHUNK)));
        }
        return chunks;
    }

    /** A post from its row and its channels' rows (post id, channel, published at). */
    private static CalendarPost post(Tuple row, List<Object[]> channelRows) {
        List<String> channels = channelRows.stream().map(r -> (String) r[1]).sorted().toList();
        List<OffsetDateTime> publishedAt = channelRows.stream().map(r -> (OffsetDateTime) r[2]).toList();
        OffsetDateTime scheduledAt = row.get(7, OffsetDateTime.class);
        return new CalendarPost(row.get(0, String.class), row.get(1, String.class), row.get(2, PostStatus.class),
                row.get(3, String.class), row.get(4, String.class), row.get(5, String.class),
                row.get(6, String.class), scheduledAt, channels, CalendarTime.of(scheduledAt, publishedAt));
    }
}
