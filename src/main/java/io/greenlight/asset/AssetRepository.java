package io.greenlight.asset;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

public interface AssetRepository extends JpaRepository<Asset, Long> {

    Optional<Asset> findBySha256(String sha256);

    /** Free text over file name, alt text and tags; {@code tag} (",spring,") narrows to one tag. Both may be empty. */
    @Query("""
            select a from Asset a
            where (:text = '' or lower(a.fileName) like concat('%', :text, '%')
                   or lower(coalesce(a.altText, '')) like concat('%', :text, '%') or a.tags like concat('%', :text, '%'))
              and (:tag = '' or a.tags like concat('%,', :tag, ',%'))
            order by a.uploadedAt desc, a.id desc""")
    Page<Asset> search(@Param("text") String text, @Param("tag") String tag, Pageable pageable);
}
