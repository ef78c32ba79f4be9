package io.greenlight.conversation;

import io.greenlight.notify.RecordLinks;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reminders, escalations and task notices of a conversation open its page in the community inbox. */
@Component
class ConversationLinks implements RecordLinks {

    private final ConversationRepository conversations;

    ConversationLinks(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @Override
    public Optional<String> pathOf(String businessKey) {
        return conversations.existsById(businessKey) ? Optional.of("/community/" + businessKey) : Optional.empty();
    }
}
