package io.greenlight.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.OffsetDateTime;
import java.util.List;

interface ConversationItemRepository extends JpaRepository<ConversationItem, Long> {
    boolean existsByChannelKeyAndExternalId(String channelKey, String externalId);
    List<ConversationItem> findByConversationIdOrderByReceivedAtAscIdAsc(String conversationId);
    List<ConversationItem> findByDirectionAndReceivedAtGreaterThanEqual(ConversationItem.Direction direction, OffsetDateTime from);
    long countByConversationIdAndDirection(String conversationId, ConversationItem.Direction direction);
}
