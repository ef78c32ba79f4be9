package io.greenlight.channel;

import io.greenlight.security.CurrentUser;
import io.greenlight.engine.SystemAccess;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-channel rights: who may draft for which channel. A channel without rules is open to everyone who may write
 * posts ({@code creators}, {@code managers}); a channel with draft groups only to their members — managers and
 * administrators always may. Checked by {@code PostService} whenever variants are written (page, /api alike).
 */
@Service
@Transactional
public class ChannelDraftRights {

    static final int MAX_GROUPS = 50;

    private final JdbcTemplate jdbc;
    private final IdentityService identity;
    private final SystemAccess system;

    public ChannelDraftRights(JdbcTemplate jdbc, IdentityService identity, SystemAccess system) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.system = system;
    }

    public record DraftGroups(String channel, List<String> groups, boolean restricted) {
    }

    @Transactional(readOnly = true)
    public DraftGroups of(String channel) {
        requireChannel(channel);
        List<String> groups = groups(channel);
        return new DraftGroups(channel, groups, !groups.isEmpty());
    }

    /** Replaces a channel's draft groups (empty: open to every writer again). Managers only. */
    public DraftGroups set(CurrentUser user, String channel, List<String> groups) {
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers can change who may draft for a channel.");
        }
        requireChannel(channel);
        if (groups == null) {
            throw UserFacingException.invalid("'groups' is required: a list of group ids (empty to open the channel to every writer).");
        }
        Set<String> wanted = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        for (String g : groups) {
            String id = g == null ? "" : g.strip();
            if (id.isEmpty() || id.length() > 64 || system.call(() -> identity.createGroupQuery().groupId(id).count()) == 0) {
                errors.add("groups: there is no group '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'.");
            } else {
                wanted.add(id);
            }
        }
        if (wanted.size() > MAX_GROUPS) {
            errors.add("groups: at most " + MAX_GROUPS + ".");
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid("The draft groups were not changed.", errors);
        }
        jdbc.update("delete from channel_draft_group where channel_key = ?", channel);
        wanted.forEach(g -> jdbc.update("insert into channel_draft_group (channel_key, group_id) values (?, ?)", channel, g));
        return of(channel);
    }

    @Transactional(readOnly = true)
    public void requireMayDraft(CurrentUser user, Collection<String> channels) {
        if (user == null || user.isManager()) {
            return;
        }
        for (String channel : new LinkedHashSet<>(channels)) {
            List<String> groups = groups(channel);
            if (!groups.isEmpty() && groups.stream().noneMatch(user::in)) {
                throw UserFacingException.forbidden("You may not draft for the channel '" + channel + "': only members of "
                        + String.join(", ", groups) + " (and managers) may. Remove that channel or ask a manager.");
            }
        }
    }

    private List<String> groups(String channel) {
        return jdbc.queryForList("select group_id from channel_draft_group where channel_key = ? order by group_id",
                String.class, channel);
    }

    private void requireChannel(String channel) {
        Integer n = channel == null || channel.length() > 64 ? Integer.valueOf(0)
                : jdbc.queryForObject("select count(*) from channel where channel_key = ?", Integer.class, channel);
        if (n == null || n == 0) {
            throw UserFacingException.notFound("There is no channel '" + channel + "'.");
        }
    }
}
