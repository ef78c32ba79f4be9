package io.greenlight.team;

import io.greenlight.security.UserAccounts;
import io.greenlight.post.TimelineNotes;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Offboarding. Camunda users have no "disabled" flag, so deactivating a user
 * <ol>
 *   <li>marks them inactive in {@code user_account}: Greenlight's sign-in (pages, /api, /engine-rest Basic) refuses
 *       them and {@link DeactivatedSessions} ends sessions they still have, Camunda webapp sessions included;</li>
 *   <li>replaces their Camunda password with a random one nobody knows, so the webapps' own login refuses them too;</li>
 *   <li>gives their open tasks back to their group: assigned tasks are unassigned (their candidate groups remain);
 *       tasks only they could take are offered to their groups (or {@code managers}) instead;</li>
 *   <li>keeps everything else: the user, group memberships and all history stay (reactivation with a new password
 *       restores access). Channel permissions are granted to groups, never to a person
 *       ({@code io.greenlight.channel.ChannelDraftRights}), so a deactivated user, who cannot sign in, keeps none;
 *       an OAuth token they connected for a channel belongs to the channel and keeps working until a manager
 *       reconnects it with another account (the channels page names who connected it).</li>
 * </ol>
 * Only administrators offboard, and never themselves.
 */
@Service
@Transactional
public class Offboarding {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> NOT_A_TEAM = Set.of(Groups.ADMIN, Groups.PROCESS_OWNERS);

    private final UserAccounts accounts;
    private final Directory directory;
    private final IdentityService identity;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final SystemAccess system;
    private final TimelineNotes notes;

    public Offboarding(UserAccounts accounts, Directory directory, IdentityService identity, TaskService tasks,
                       RuntimeService runtime, SystemAccess system, TimelineNotes notes) {
        this.accounts = accounts;
        this.directory = directory;
        this.identity = identity;
        this.tasks = tasks;
        this.runtime = runtime;
        this.system = system;
        this.notes = notes;
    }

    public record Result(String userId, int tasksReturned) {
    }

    public Result deactivate(CurrentUser actor, String userId) {
        requireAdmin(actor);
        Directory.Person person = directory.person(userId)
                .orElseThrow(() -> UserFacingException.notFound("There is no user '" + userId + "'."));
        if (actor.id().equals(userId)) {
            throw UserFacingException.invalid("You cannot deactivate yourself; ask another administrator.");
        }
        if (!accounts.isActive(userId)) {
            throw UserFacingException.conflict(userId + " is already deactivated.");
        }
        accounts.deactivate(userId, actor.id());
        int returned = system.call(() -> {
            User user = identity.createUserQuery().userId(userId).singleResult();
            user.setPassword(randomPassword());
            identity.saveUser(user);
            return giveBack(person);
        });
        return new Result(userId, returned);
    }

    public void reactivate(CurrentUser actor, String userId, String newPassword) {
        requireAdmin(actor);
        directory.person(userId).orElseThrow(() -> UserFacingException.notFound("There is no user '" + userId + "'."));
        if (accounts.isActive(userId)) {
            throw UserFacingException.conflict(userId + " is active.");
        }
        String problem = PasswordPolicy.problem(userId, newPassword);
        if (problem != null) {
            throw UserFacingException.invalid("Give " + userId + " another new password: " + problem);
        }
        accounts.reactivate(userId);
        system.run(() -> {
            User user = identity.createUserQuery().userId(userId).singleResult();
            user.setPassword(newPassword);
            identity.saveUser(user);
        });
    }

    private int giveBack(Directory.Person person) {
        List<String> teams = person.groups().stream().filter(g -> !NOT_A_TEAM.contains(g)).toList();
        List<String> fallback = teams.isEmpty() ? List.of(Groups.MANAGERS) : teams;
        java.util.Map<String, Task> affected = new java.util.LinkedHashMap<>();
        tasks.createTaskQuery().taskAssignee(person.id()).list().forEach(t -> affected.put(t.getId(), t));
        tasks.createTaskQuery().taskCandidateUser(person.id()).list().stream()
                .filter(t -> tasks.getIdentityLinksForTask(t.getId()).stream()
                        .anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && person.id().equals(l.getUserId())))
                .forEach(t -> affected.putIfAbsent(t.getId(), t));
        int n = 0;
        for (Task task : affected.values()) {
            List<IdentityLink> links = tasks.getIdentityLinksForTask(task.getId());
            boolean hasGroup = links.stream().anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null);
            if (person.id().equals(task.getAssignee())) {
                tasks.setAssignee(task.getId(), null);
            }
            if (links.stream().anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && person.id().equals(l.getUserId()))) {
                tasks.deleteCandidateUser(task.getId(), person.id());
            }
            List<String> groups = new ArrayList<>();
            if (!hasGroup) {
                fallback.forEach(g -> tasks.addCandidateGroup(task.getId(), g));
                groups.addAll(fallback);
            } else {
                links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                        .forEach(l -> groups.add(l.getGroupId()));
            }
            n++;
            String postId = postOf(task);
            notes.add(postId, "offboarding", null, person.id() + " was deactivated: \"" + task.getName()
                    + "\" is back with " + String.join(", ", groups) + ".");
        }
        return n;
    }

    private String postOf(Task task) {
        if (task.getProcessInstanceId() == null) {
            return null;
        }
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
        return pi == null ? null : pi.getBusinessKey();
    }

    private static void requireAdmin(CurrentUser actor) {
        if (actor == null || !actor.in(Groups.ADMIN)) {
            throw UserFacingException.forbidden("Only administrators can deactivate or reactivate users.");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
