package io.greenlight.reply;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

public interface SavedReplyRepository extends JpaRepository<SavedReply, Long> {

    /** Replies of the given teams (all teams when {@code allTeams}) whose title or text contains {@code text}. */
    @Query("""
            select r from SavedReply r
            where (:allTeams = true or r.team in :teams)
              and (:kind is null or r.kind = :kind)
              and (:text = '' or lower(r.title) like concat('%', :text, '%') or lower(r.body) like concat('%', :text, '%'))
            order by r.kind desc, r.title""")
    List<SavedReply> search(@Param("teams") Collection<String> teams, @Param("allTeams") boolean allTeams,
                            @Param("kind") SavedReply.Kind kind, @Param("text") String text, Pageable pageable);
}
