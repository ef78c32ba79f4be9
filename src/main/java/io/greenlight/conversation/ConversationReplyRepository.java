package io.greenlight.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface ConversationReplyRepository extends JpaRepository<ConversationReply, String> {
    List<ConversationReply> findByConversationIdOrderByWrittenAtAsc(String conversationId);
}
