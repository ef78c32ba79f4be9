package io.greenlight.conversation;

import io.greenlight.comment.Comments;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.UserFacingException;
import io.greenlight.notify.Notice;
import io.greenlight.notify.NotificationEvent;
import io.greenlight.notify.Notifications;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What people do in the community inbox, as the engine's current user (so Tasklist's rules and the tasks' built-in
 * rules apply exactly as in Tasklist): claim, reply, decide that no reply is needed, approve or send back a reply,
 * and write internal notes (whoever is @mentioned is told).
 */
@Service
@Transactional
public class ConversationActions {

    static final int MAX_NOTE = 4000;

    private final ConversationViews views;
    private final ConversationRepository conversations;
    private final ConversationNoteRepository notes;
    private final TaskService tasks;
    private final IdentityService identity;
    private final Comments comments;
    private final Notifications notifications;

    ConversationActions(ConversationViews views, ConversationRepository conversations, ConversationNoteRepository notes,
                        TaskService tasks, IdentityService identity, Comments comments, Notifications notifications) {
        this.views = views;
        this.conversations = conversations;
        this.notes = notes;
        this.tasks = tasks;
        this.identity = identity;
        this.comments = comments;
        this.notifications = notifications;
    }

    public void claim(CurrentUser user, String id) {
        Task task = respondTask(user, id);
        if (user.id().equals(task.getAssignee())) {
            return;
        }
        if (task.getAssignee() != null) {
            throw UserFacingException.conflict(task.getAssignee() + " is answering this conversation already.");
        }
        engine(user, () -> {
            tasks.claim(task.getId(), user.id());
            return null;
        });
    }

    public void reply(CurrentUser user, String id, String text) {
        if (text == null || text.isBlank()) {
            throw UserFacingException.invalid("replyText: write the reply (or choose 'no reply needed').");
        }
        answer(user, id, Map.of(ConversationProcess.OUTCOME, ConversationProcess.REPLY, ConversationProcess.REPLY_TEXT, text));
    }

    public void noReply(CurrentUser user, String id) {
        answer(user, id, Map.of(ConversationProcess.OUTCOME, ConversationProcess.NO_REPLY));
    }

    private void answer(CurrentUser user, String id, Map<String, Object> vars) {
        Task task = respondTask(user, id);
        if (task.getAssignee() != null && !user.id().equals(task.getAssignee())) {
            throw UserFacingException.conflict(task.getAssignee() + " is answering this conversation; ask them first.");
        }
        engine(user, () -> {
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), user.id());
            }
            tasks.complete(task.getId(), new HashMap<>(vars));
            return null;
        });
    }

    public void decide(CurrentUser user, String id, String decision, String comment) {
        ConversationViews.requireInboxUser(user);
        Task task = views.openTask(id, ConversationProcess.APPROVE_FORM)
                .orElseThrow(() -> UserFacingException.conflict("No reply of this conversation waits for approval."));
        Map<String, Object> vars = new HashMap<>();
        vars.put(ConversationProcess.DECISION, decision);
        vars.put(ConversationProcess.COMMENT, comment == null ? "" : comment);
        engine(user, () -> {
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), user.id());
            }
            tasks.complete(task.getId(), vars);
            return null;
        });
    }

    public ConversationNote note(CurrentUser user, String id, String text) {
        ConversationViews.requireInboxUser(user);
        Conversation c = conversations.findById(id)
                .orElseThrow(() -> UserFacingException.notFound("There is no conversation " + id + "."));
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > MAX_NOTE || t.indexOf('\0') >= 0) {
            throw UserFacingException.invalid("note: some text, at most " + MAX_NOTE + " characters, no control characters.");
        }
        ConversationNote note = notes.save(new ConversationNote(id, user.id(), t, EngineClock.now()));
        Set<String> mentioned = comments.mentions(t);
        mentioned.remove(user.id());
        if (!mentioned.isEmpty()) {
            notifications.deliver(Notice.of(NotificationEvent.MENTION, new ArrayList<>(mentioned),
                    user.id() + " mentioned you on the conversation \"" + c.getSubject() + "\" (/community/" + id + "): "
                            + (t.length() > 200 ? t.substring(0, 200) + "…" : t), null));
        }
        return note;
    }

    private Task respondTask(CurrentUser user, String id) {
        ConversationViews.requireInboxUser(user);
        if (conversations.findById(id).isEmpty()) {
            throw UserFacingException.notFound("There is no conversation " + id + ".");
        }
        return views.openTask(id, ConversationProcess.RESPOND_FORM)
                .orElseThrow(() -> UserFacingException.conflict("This conversation waits for no answer right now."));
    }

    /** Runs engine work as the user; the engine's refusals become messages people can act on. */
    private <T> T engine(CurrentUser user, Supplier<T> work) {
        String before = identity.getCurrentAuthentication() == null ? null : identity.getCurrentAuthentication().getUserId();
        identity.setAuthentication(user.id(), new ArrayList<>(user.groups()));
        try {
            return work.get();
        } catch (AuthorizationException e) {
            throw new UserFacingException(HttpStatus.FORBIDDEN, e.getMessage());
        } catch (ProcessEngineException e) {
            throw UserFacingException.invalid(e.getMessage());
        } finally {
            if (before == null) {
                identity.clearAuthentication();
            }
        }
    }
}
