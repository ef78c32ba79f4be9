package io.greenlight.asset;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

public interface PostMediaRepository extends JpaRepository<PostMedia, Long> {

    // Written out rather than derived from the names: Hibernate caches a query's translation by its text, not a
    // derived query's (a criteria query, translated again on every call). These run for every publish and page view.
    @Query("select m from PostMedia m where m.postId = :postId order by m.channel, m.position")
    List<PostMedia> findByPostIdOrderByChannelAscPositionAsc(@Param("postId") String postId);

    @Query("select m from PostMedia m where m.postId = :postId and m.channel = :channel order by m.position")
    List<PostMedia> findByPostIdAndChannelOrderByPositionAsc(@Param("postId") String postId, @Param("channel") String channel);

    @Modifying
    @Query("delete from PostMedia m where m.postId = :postId")
    void deleteByPostId(@Param("postId") String postId);

    /** How many posts use each asset: rows of (asset id, count). */
    @Query("select m.assetId, count(distinct m.postId) from PostMedia m where m.assetId in :ids group by m.assetId")
    List<Object[]> usage(@Param("ids") Collection<Long> ids);

    @Query("select distinct m.postId from PostMedia m where m.assetId = :assetId")
    List<String> postsUsing(@Param("assetId") Long assetId);
}
