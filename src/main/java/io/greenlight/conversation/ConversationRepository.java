package io.greenlight.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

interface ConversationRepository extends JpaRepository<Conversation, String> {
    Optional<Conversation> findByChannelKeyAndThreadKey(String channelKey, String threadKey);
    List<Conversation> findTop200ByOrderByReceivedAtDesc();
    List<Conversation> findByReceivedAtGreaterThanEqual(OffsetDateTime from);
    List<Conversation> findByClosedAtIsNullOrClosedAtGreaterThanEqual(OffsetDateTime from);
    List<Conversation> findByPostIdOrderByReceivedAtAsc(String postId);
}
