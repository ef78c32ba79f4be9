package io.greenlight.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface ConversationNoteRepository extends JpaRepository<ConversationNote, Long> {
    List<ConversationNote> findByConversationIdOrderByCreatedAtAsc(String conversationId);
}
