package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostVariant;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;
import org.springframework.data.jpa.domain.Specification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the calendar shows: every field optional (blank = all). Region "global" matches posts without a region. */
public record CalendarFilter(String channel, String campaign, String region, String author) {

    static CalendarFilter of(String channel, String campaign, String region, String author) {
        return new CalendarFilter(clean(channel), clean(campaign), clean(region), clean(author));
    }

    /** The filter as a query condition, so the database selects (and limits) what the calendar shows. */
    Specification<Post> asSpecification() {
        return (post, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (author != null) {
                where.add(cb.equal(post.get("author"), author));
            }
            if (campaign != null) {
                where.add(cb.equal(post.get("campaign"), campaign));
            }
            if (region != null) {
                where.add(cb.equal(cb.lower(cb.coalesce(post.get("region"), "global")), region.toLowerCase(Locale.ROOT)));
            }
            if (channel != null) {
                Subquery<Long> variant = query.subquery(Long.class);
                var v = variant.from(PostVariant.class);
                variant.select(v.get("id")).where(cb.equal(v.get("post"), post), cb.equal(v.get("channel"), channel));
                where.add(cb.exists(variant));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    boolean isEmpty() {
        return channel == null && campaign == null && region == null && author == null;
    }

    private static String clean(String s) {
        return s == null || s.isBlank() || s.length() > 200 ? null : s.strip();
    }
}
