package io.greenlight.team;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.OffsetDateTime;
import java.util.List;

public interface AbsenceRepository extends JpaRepository<Absence, Long> {

    @Query("select a from Absence a where a.userId = ?1 and a.startsAt <= ?2 and a.endsAt > ?2 order by a.createdAt desc")
    List<Absence> activeFor(String userId, OffsetDateTime at);

    @Query("select a from Absence a where a.startsAt <= ?1 and a.endsAt > ?1 order by a.userId")
    List<Absence> activeAt(OffsetDateTime at);

    @Query("select a from Absence a where a.endsAt > ?1 order by a.startsAt")
    List<Absence> currentOrFuture(OffsetDateTime at);

    List<Absence> findByUserIdOrderByStartsAtDesc(String userId);
}
