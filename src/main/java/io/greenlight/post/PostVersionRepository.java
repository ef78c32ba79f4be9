package io.greenlight.post;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface PostVersionRepository extends JpaRepository<PostVersion, Long> {
    /** Read on every submit and post page: written out, so Hibernate translates it once (not on every call). */
    @Query("select v from PostVersion v where v.postId = :postId order by v.number")
    List<PostVersion> findByPostIdOrderByNumberAsc(@Param("postId") String postId);

    Optional<PostVersion> findByPostIdAndNumber(String postId, int number);

    /** The last two versions of each of these posts (one for a post with only one), by post and number. */
    @Query("select v from PostVersion v where v.postId in :postIds and v.number >= "
            + "(select max(w.number) - 1 from PostVersion w where w.postId = v.postId) order by v.postId, v.number")
    List<PostVersion> findLastTwoOfPosts(@Param("postIds") Collection<String> postIds);
}
