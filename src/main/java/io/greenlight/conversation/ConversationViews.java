package io.greenlight.conversation;

import io.greenlight.channel.ContentRules;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.UserFacingException;
import io.greenlight.reply.SavedReplies;
import io.greenlight.reply.SavedReply;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the community inbox shows: the filtered list and one thread with everything needed to answer it. */
@Service
@Transactional(readOnly = true)
public class ConversationViews {

    private static final Map<String, Integer> RANK = Map.of("urgent", 0, "high", 1, "normal", 2, "low", 3);

    private final ConversationRepository conversations;
    private final ConversationItemRepository items;
    private final ConversationReplyRepository replies;
    private final ConversationNoteRepository notes;
    private final TaskService tasks;
    private final SavedReplies savedReplies;
    private final ContentRules content;
    private final org.camunda.bpm.engine.RuntimeService runtime;

    ConversationViews(ConversationRepository conversations, ConversationItemRepository items, ConversationReplyRepository replies,
                      ConversationNoteRepository notes, TaskService tasks, SavedReplies savedReplies, ContentRules content,
                      org.camunda.bpm.engine.RuntimeService runtime) {
        this.conversations = conversations;
        this.items = items;
        this.replies = replies;
        this.notes = notes;
        this.tasks = tasks;
        this.savedReplies = savedReplies;
        this.content = content;
        this.runtime = runtime;
    }

    /** The open task of the conversation with this form, if any (found by form, never by element id). */
    Optional<Task> openTask(String conversationId, String form) {
        return tasks.createTaskQuery().processInstanceBusinessKey(conversationId)
                .processDefinitionKey(ConversationProcess.PROCESS).initializeFormKeys().list().stream()
                .filter(t -> t.getCamundaFormRef() != null && form.equals(t.getCamundaFormRef().getKey())).findFirst();
    }

    public static void requireInboxUser(CurrentUser user) {
        if (user == null || !(user.in(Groups.COMMUNITY) || user.isManager() || user.in(Groups.ADMIN))) {
            throw UserFacingException.forbidden("The community inbox is for the community team and managers.");
        }
    }

    public List<Conversation> list(CurrentUser user, InboxFilter filter) {
        requireInboxUser(user);
        OffsetDateTime now = EngineClock.now();
        return conversations.findTop200ByOrderByReceivedAtDesc().stream()
                .filter(c -> filter.matches(c, user.id(), now))
                .sorted(Comparator.comparing((Conversation c) -> !c.isOpen())
                        .thenComparing(c -> RANK.getOrDefault(c.getPriority(), 4))
                        .thenComparing(c -> c.getDueAt() == null ? OffsetDateTime.MAX : c.getDueAt()))
                .toList();
    }

    /** Everything the thread page needs. */
    public record Thread(Conversation conversation, List<ConversationItem> items, List<ConversationReply> replies,
                         List<ConversationNote> notes, Task respond, Task approval, ConversationReply pendingReply,
                         boolean overdue, List<SavedReply> savedReplies, ContentRules.ChannelCount count) {
    }

    /** Whether there is a conversation with this id (an unknown one in a form goes back to the list). */
    boolean exists(String id) {
        return id != null && id.length() <= 64 && conversations.existsById(id);
    }

    public Thread thread(CurrentUser user, String id) {
        requireInboxUser(user);
        Conversation c = conversations.findById(id)
                .orElseThrow(() -> UserFacingException.notFound("There is no conversation " + id + "."));
        List<ConversationReply> all = replies.findByConversationIdOrderByWrittenAtAsc(id);
        Task approval = openTask(id, ConversationProcess.APPROVE_FORM).orElse(null);
        ConversationReply pending = approval == null || all.isEmpty() ? null : all.get(all.size() - 1);
        return new Thread(c, items.findByConversationIdOrderByReceivedAtAscIdAsc(id), all,
                notes.findByConversationIdOrderByCreatedAtAsc(id), openTask(id, ConversationProcess.RESPOND_FORM).orElse(null),
                approval, pending, c.isOverdue(EngineClock.now()), savedReplies.search(user, null, SavedReply.Kind.REPLY.name(), 50),
                content.measure(c.getChannelKey(), "", null));
    }

    /** What the approver asked to change, while the conversation waits for a new answer; null otherwise. */
    public String feedback(String conversationId) {
        return openTask(conversationId, ConversationProcess.RESPOND_FORM)
                .map(t -> runtime.getVariable(t.getExecutionId(), ConversationProcess.FEEDBACK))
                .map(Object::toString).orElse(null);
    }

    /** For the page's polling: how many are open and when the newest item came in. */
    public record Summary(long open, long overdue, OffsetDateTime newest) {
    }

    public Summary summary(CurrentUser user) {
        requireInboxUser(user);
        OffsetDateTime now = EngineClock.now();
        List<Conversation> recent = conversations.findTop200ByOrderByReceivedAtDesc();
        return new Summary(recent.stream().filter(Conversation::isOpen).count(),
                recent.stream().filter(c -> c.isOverdue(now)).count(),
                recent.stream().map(Conversation::getReceivedAt).max(Comparator.naturalOrder()).orElse(null));
    }
}
