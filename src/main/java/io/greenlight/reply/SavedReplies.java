package io.greenlight.reply;

import io.greenlight.engine.EngineClock;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saved replies and post templates, shared per team (a group the user belongs to; managers see every team's).
 * Placeholders are written {@code {{name}}}: filled from the values given, the others left for the writer to see.
 */
@Service
@Transactional
public class SavedReplies {

    static final int MAX_BODY = 5000;

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]{0,40})\\s*}}");

    private final SavedReplyRepository replies;

    public SavedReplies(SavedReplyRepository replies) {
        this.replies = replies;
    }

    public record Command(String title, String body, String team, String kind) {
    }

    public record Rendered(String text, List<String> missing) {
    }

    @Transactional(readOnly = true)
    public List<SavedReply> search(CurrentUser user, String q, String kind, int size) {
        String text = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        if (text.length() > 100) {
            throw UserFacingException.invalid("q: at most 100 characters.");
        }
        Set<String> teams = user.groups().isEmpty() ? Set.of("-") : user.groups();
        return replies.search(teams, user.isManager(), kind(kind, true), text,
                PageRequest.of(0, Math.min(Math.max(size, 1), 200)));
    }

    @Transactional(readOnly = true)
    public SavedReply get(CurrentUser user, Long id) {
        SavedReply r = id == null ? null : replies.findById(id).orElse(null);
        if (r == null || !(user.isManager() || user.in(r.getTeam()))) {
            throw UserFacingException.notFound("There is no saved reply " + id + " for your teams.");
        }
        return r;
    }

    public SavedReply create(CurrentUser user, Command c) {
        SavedReply r = new SavedReply(user.id());
        apply(user, r, c);
        return replies.save(r);
    }

    public SavedReply update(CurrentUser user, Long id, Command c) {
        SavedReply r = get(user, id);
        apply(user, r, c);
        return r;
    }

    public void delete(CurrentUser user, Long id) {
        SavedReply r = get(user, id);
        if (!user.isManager() && !user.id().equals(r.getCreatedBy())) {
            throw UserFacingException.forbidden("Only " + r.getCreatedBy() + " (who wrote it) or a manager can delete it.");
        }
        replies.delete(r);
    }

    /** Fills the placeholders that have a value; lists the ones left open. */
    public Rendered render(String body, Map<String, String> values) {
        if (values != null) {
            if (values.size() > 100) {
                throw UserFacingException.invalid("values: at most 100 placeholders.");
            }
            values.forEach((k, v) -> {
                if (k.length() > 100 || (v != null && v.length() > MAX_BODY)) {
                    throw UserFacingException.invalid("values: a placeholder's name is at most 100 and its value at most "
                            + String.format("%,d", MAX_BODY) + " characters.");
                }
            });
        }
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        Set<String> missing = new TreeSet<>();
        while (m.find()) {
            String value = values == null ? null : values.get(m.group(1));
            if (value == null || value.isBlank()) {
                missing.add(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return new Rendered(out.toString(), List.copyOf(missing));
    }

    /** The placeholders a text uses, in order. */
    public static List<String> placeholders(String body) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(body == null ? "" : body);
        while (m.find()) {
            found.add(m.group(1));
        }
        return new ArrayList<>(found);
    }

    private void apply(CurrentUser user, SavedReply r, Command c) {
        List<String> errors = new ArrayList<>();
        String title = c.title() == null ? "" : c.title().strip();
        String body = c.body() == null ? "" : c.body().strip();
        String team = c.team() == null ? "" : c.team().strip();
        if (title.isEmpty() || title.length() > 200) {
            errors.add("title: a title of at most 200 characters is required.");
        }
        if (body.isEmpty() || body.length() > MAX_BODY) {
            errors.add("body: a text of at most 5,000 characters is required.");
        }
        if (team.isEmpty() || !(user.in(team) || user.isManager())) {
            errors.add("team: pick one of your teams (" + String.join(", ", new TreeSet<>(user.groups())) + ").");
        }
        SavedReply.Kind kind = null;
        try {
            kind = kind(c.kind(), false);
        } catch (UserFacingException e) {
            errors.add(e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(errors.size() == 1 ? errors.get(0) : "The reply has " + errors.size() + " problems.", errors);
        }
        r.edit(title, body, team, kind, EngineClock.now());
    }

    private static SavedReply.Kind kind(String kind, boolean optional) {
        if (kind == null || kind.isBlank()) {
            if (optional) {
                return null;
            }
            return SavedReply.Kind.REPLY;
        }
        try {
            return SavedReply.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UserFacingException.invalid("kind: reply or template.");
        }
    }
}
