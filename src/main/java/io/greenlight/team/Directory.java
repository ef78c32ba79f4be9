package io.greenlight.team;

import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Reads users and groups from Camunda's identity service (without the caller's authorizations). */
@Component
public class Directory {

    private final IdentityService identity;
    private final SystemAccess system;

    public Directory(IdentityService identity, SystemAccess system) {
        this.identity = identity;
        this.system = system;
    }

    public record Person(String id, String name, String email, List<String> groups) {
    }

    public List<Person> people() {
        return system.call(() -> identity.createUserQuery().orderByUserId().asc().list().stream().map(this::person).toList());
    }

    public Optional<Person> person(String userId) {
        if (userId == null || userId.isBlank() || userId.length() > 64) {
            return Optional.empty();
        }
        return system.call(() -> Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(this::person));
    }

    public List<String> members(String groupId) {
        return system.call(() -> identity.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).toList());
    }

    public List<String> groups() {
        return system.call(() -> identity.createGroupQuery().orderByGroupId().asc().list().stream().map(Group::getId).toList());
    }

    public boolean groupExists(String groupId) {
        return system.call(() -> identity.createGroupQuery().groupId(groupId).count() > 0);
    }

    private Person person(User u) {
        String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " " + (u.getLastName() == null ? "" : u.getLastName())).strip();
        return new Person(u.getId(), name.isEmpty() ? u.getId() : name, u.getEmail(),
                identity.createGroupQuery().groupMember(u.getId()).orderByGroupId().asc().list().stream().map(Group::getId).toList());
    }
}
