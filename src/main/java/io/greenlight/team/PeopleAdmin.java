package io.greenlight.team;

import io.greenlight.web.PublicAddress;
import io.greenlight.engine.SystemAccess;
import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.security.IdentityBootstrap;
import io.greenlight.security.UserAccounts;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Users and group memberships, managed in Greenlight by managers and administrators, in Camunda's identity service
 * (the store Tasklist, Cockpit and the sign-in use). A new user gets what every Greenlight user has: memberships in
 * groups that carry Greenlight's grants and Tasklist filters ({@link IdentityBootstrap#equip}), Camunda's own
 * default authorization on their user, and an initial password — or, when e-mail is configured, an invitation with
 * a one-time link to choose one ({@link Invites}). Only administrators give or take {@code camunda-admin} and
 * {@code process-owners} (who deploy diagrams, which can run code on the server).
 * Every refusal is checked before anything is written, so a refused form changes nothing.
 */
@Service
@Transactional
public class PeopleAdmin {

    static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9]{2,64}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Groups only an administrator may give or take: they reach beyond Greenlight's own pages. */
    static final Set<String> ADMIN_ONLY = Set.of(Groups.ADMIN, Groups.PROCESS_OWNERS);

    private final IdentityService identity;
    private final SystemAccess system;
    private final Directory directory;
    private final GroupUse groupUse;
    private final UserAccounts accounts;
    private final IdentityBootstrap bootstrap;
    private final Invites invites;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<JavaMailSender> mail;
    private final PublicAddress address;

    public PeopleAdmin(IdentityService identity, SystemAccess system, Directory directory, GroupUse groupUse,
                       UserAccounts accounts, IdentityBootstrap bootstrap, Invites invites, ApplicationEventPublisher events,
                       ObjectProvider<JavaMailSender> mail, PublicAddress address) {
        this.identity = identity;
        this.system = system;
        this.directory = directory;
        this.groupUse = groupUse;
        this.accounts = accounts;
        this.bootstrap = bootstrap;
        this.invites = invites;
        this.events = events;
        this.mail = mail;
        this.address = address;
    }

    /** What the "add someone" form sends. {@code invite}: e-mail a set-password link instead of setting a password. */
    public record NewUser(String id, String firstName, String lastName, String email, List<String> groups, String password,
                          boolean invite) {
        public NewUser {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        public static NewUser empty() {
            return new NewUser("", "", "", "", List.of(), "", false);
        }
    }

    public record Created(String userId, boolean invited) {
    }

    /** A group as the People page lists it: members (active or not), where the models use it, whether it is empty. */
    public record GroupRow(String id, String name, boolean exists, List<String> members, long activeMembers,
                           List<String> usedBy) {
        public boolean empty() {
            return activeMembers == 0;
        }

        public boolean used() {
            return !usedBy.isEmpty();
        }
    }

    /** Whether invitations can be e-mailed (spring.mail.host is set). */
    public boolean canInvite() {
        return mail.getIfAvailable() != null;
    }

    /** Every existing group and every group a deployed diagram or the routing decision names, with its members. */
    @Transactional(readOnly = true)
    public List<GroupRow> groups() {
        Map<String, List<String>> used = groupUse.usedGroups();
        Map<String, String> names = new TreeMap<>();
        system.run(() -> identity.createGroupQuery().list().forEach(g -> names.put(g.getId(), g.getName())));
        Set<String> ids = new TreeSet<>(names.keySet());
        ids.addAll(used.keySet());
        Set<String> inactive = accounts.inactive();
        List<GroupRow> rows = new ArrayList<>();
        for (String id : ids) {
            boolean exists = names.containsKey(id);
            List<String> members = exists ? directory.members(id).stream().sorted().toList() : List.of();
            long active = members.stream().filter(m -> !inactive.contains(m)).count();
            rows.add(new GroupRow(id, names.getOrDefault(id, id), exists, members, active, used.getOrDefault(id, List.of())));
        }
        return rows;
    }

    /** The groups a user may be put in on the People page (existing ones and the ones the models use). */
    @Transactional(readOnly = true)
    public List<String> assignableGroups() {
        return groups().stream().map(GroupRow::id).toList();
    }

    public Created create(CurrentUser actor, NewUser form) {
        requireManager(actor);
        String id = form.id() == null ? "" : form.id().strip();
        List<String> errors = new ArrayList<>();
        if (!USER_ID.matcher(id).matches()) {
            errors.add("id: 2-64 letters or digits, no spaces (this is the name people sign in with).");
        } else if (directory.person(id).isPresent() || system.call(() -> identity.createGroupQuery().groupId(id).count() > 0)) {
            errors.add("id: '" + id + "' is taken already; choose another user name.");
        }
        String first = clean(form.firstName());
        String last = clean(form.lastName());
        if (first == null) {
            errors.add("firstName: the first name is required.");
        } else if (first.length() > 255 || (last != null && last.length() > 255)) {
            errors.add("firstName: at most 255 characters.");
        }
        String email = clean(form.email());
        if (email != null && (email.length() > 255 || !EMAIL.matcher(email).matches())) {
            errors.add("email: '" + abbreviate(email) + "' is not an e-mail address.");
        }
        Set<String> groups = new LinkedHashSet<>(form.groups().stream().map(String::strip).filter(g -> !g.isEmpty()).toList());
        if (groups.isEmpty()) {
            errors.add("groups: choose at least one group; a user without a group can do nothing in Greenlight.");
        }
        errors.addAll(groupProblems(actor, groups));
        if (form.invite()) {
            if (!canInvite()) {
                errors.add("invite: e-mail is not configured (spring.mail.host); set an initial password instead.");
            } else if (email == null) {
                errors.add("email: an invitation needs the e-mail address.");
            }
        } else {
            String problem = PasswordPolicy.problem(id, form.password());
            if (problem != null) {
                errors.add("password: " + problem + (canInvite() ? " Or send an invitation instead." : ""));
            }
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid("The user was not created: " + firstProblem(errors), errors);
        }
        String password = form.invite() ? randomPassword() : form.password();
        system.run(() -> {
            User user = identity.newUser(id);
            user.setFirstName(first);
            user.setLastName(last);
            user.setEmail(email);
            user.setPassword(password);
            identity.saveUser(user);
            for (String group : groups) {
                join(id, group);
            }
        });
        accounts.setTimeZone(id, accounts.defaultZone().getId());
        if (form.invite()) {
            Invites.Issued issued = invites.issue(id);
            String name = last == null ? first : first + " " + last;
            events.publishEvent(new InviteIssued(id, name, email, address.asConfigured("/invite/" + id + "/" + issued.token()),
                    issued.validUntil(), actor.id()));
        }
        return new Created(id, form.invite());
    }

    /** Sets the user's groups to exactly {@code wanted}. */
    public void setGroups(CurrentUser actor, String userId, Collection<String> wanted) {
        requireManager(actor);
        Directory.Person person = directory.person(userId)
                .orElseThrow(() -> UserFacingException.notFound("There is no user '" + userId + "'."));
        Set<String> target = new LinkedHashSet<>();
        if (wanted != null) {
            wanted.stream().map(String::strip).filter(g -> !g.isEmpty()).forEach(target::add);
        }
        Set<String> current = new LinkedHashSet<>(person.groups());
        Set<String> added = new LinkedHashSet<>(target);
        added.removeAll(current);
        Set<String> removed = new LinkedHashSet<>(current);
        removed.removeAll(target);
        List<String> errors = new ArrayList<>(groupProblems(actor, added));
        removed.stream().filter(ADMIN_ONLY::contains).filter(g -> !actor.in(Groups.ADMIN)).forEach(g ->
                errors.add("groups: only an administrator may take someone out of " + g + "."));
        if (removed.contains(Groups.ADMIN) && actor.id().equals(userId)) {
            errors.add("groups: you cannot take yourself out of " + Groups.ADMIN + "; ask another administrator.");
        }
        if (target.isEmpty()) {
            errors.add("groups: keep at least one group; to remove someone's access, deactivate them.");
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid("The groups of " + userId + " were not changed: " + firstProblem(errors), errors);
        }
        system.run(() -> {
            removed.forEach(g -> identity.deleteMembership(userId, g));
            added.forEach(g -> join(userId, g));
        });
    }

    /** Adds one member to one group (the People page's "add someone" on a group). */
    public void addMember(CurrentUser actor, String group, String userId) {
        requireManager(actor);
        Directory.Person person = directory.person(userId)
                .orElseThrow(() -> UserFacingException.invalid("There is no user '" + abbreviate(userId) + "'.",
                        List.of("member: there is no user '" + abbreviate(userId) + "'.")));
        if (person.groups().contains(group)) {
            throw UserFacingException.conflict(userId + " is in " + group + " already.");
        }
        List<String> errors = groupProblems(actor, Set.of(group));
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(userId + " was not added: " + firstProblem(errors), errors);
        }
        system.run(() -> join(userId, group));
    }

    private List<String> groupProblems(CurrentUser actor, Set<String> groups) {
        List<String> errors = new ArrayList<>();
        Set<String> known = new TreeSet<>(assignableGroups());
        for (String g : groups) {
            if (!known.contains(g)) {
                errors.add("groups: there is no group '" + abbreviate(g) + "' and no deployed diagram or decision names it.");
            } else if (Groups.ADMIN.equals(g) && !actor.in(Groups.ADMIN)) {
                errors.add("groups: only an administrator may make someone an administrator (" + Groups.ADMIN + ").");
            } else if (ADMIN_ONLY.contains(g) && !actor.in(Groups.ADMIN)) {
                errors.add("groups: only an administrator may add someone to " + g + " (they deploy diagrams).");
            }
        }
        return errors;
    }

    /** Joins the group, creating it first when only a diagram or decision names it, and makes sure it has the grants. */
    private void join(String userId, String groupId) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identity.newGroup(groupId);
            group.setName(groupId);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        if (!Groups.ADMIN.equals(groupId)) {
            bootstrap.equip(groupId);
        }
        identity.createMembership(userId, groupId);
    }

    private static void requireManager(CurrentUser actor) {
        if (actor == null || !actor.isManager()) {
            throw UserFacingException.forbidden("Only managers and administrators can add people or change groups.");
        }
    }

    private static String firstProblem(List<String> errors) {
        String first = errors.get(0);
        int colon = first.indexOf(": ");
        return colon > 0 ? first.substring(colon + 2) : first;
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
