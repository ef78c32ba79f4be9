package io.greenlight.conversation;

import io.greenlight.notify.RecordLinks;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reminders, escalations and task notices of a conversation open its page in the community inbox. */
@Component
class ConversationLinks implements RecordLinks {

    private final ConversationRepository conversations;

    ConversationLinks(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @Override
    public Optional<String> pathOf(String businessKey) {
        return conversations.existsById(businessKey) ? Optional.of(path(businessKey)) : Optional.empty();
    }

    @Override
    public Map<String, String> pathsOf(Collection<String> businessKeys) {
        if (businessKeys.isEmpty()) {
            return Map.of();
        }
        return conversations.findExistingIds(businessKeys).stream()
                .collect(Collectors.toMap(Function.identity(), ConversationLinks::path));
    }

    private static String path(String id) {
        return "/community/" + id;
    }
}
