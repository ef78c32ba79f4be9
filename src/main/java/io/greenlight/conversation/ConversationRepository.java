package io.greenlight.conversation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface ConversationRepository extends JpaRepository<Conversation, String> {
    Optional<Conversation> findByChannelKeyAndThreadKey(String channelKey, String threadKey);
    List<Conversation> findTop200ByOrderByReceivedAtDesc();
    List<Conversation> findByReceivedAtGreaterThanEqual(OffsetDateTime from);
    List<Conversation> findByClosedAtIsNullOrClosedAtGreaterThanEqual(OffsetDateTime from);
    List<Conversation> findByPostIdOrderByReceivedAtAsc(String postId);

    /** Those of these ids that are conversations (one query for a list of notifications). */
    @Query("select c.id from Conversation c where c.id in :ids")
    List<String> findExistingIds(@Param("ids") Collection<String> ids);
}
