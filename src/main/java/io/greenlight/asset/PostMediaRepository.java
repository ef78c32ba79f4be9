package io.greenlight.asset;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

public interface PostMediaRepository extends JpaRepository<PostMedia, Long> {

    List<PostMedia> findByPostIdOrderByChannelAscPositionAsc(String postId);

    List<PostMedia> findByPostIdAndChannelOrderByPositionAsc(String postId, String channel);

    @Modifying
    @Query("delete from PostMedia m where m.postId = :postId")
    void deleteByPostId(@Param("postId") String postId);

    /** How many posts use each asset: rows of (asset id, count). */
    @Query("select m.assetId, count(distinct m.postId) from PostMedia m where m.assetId in :ids group by m.assetId")
    List<Object[]> usage(@Param("ids") Collection<Long> ids);

    @Query("select distinct m.postId from PostMedia m where m.assetId = :assetId")
    List<String> postsUsing(@Param("assetId") Long assetId);
}
