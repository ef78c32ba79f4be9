package io.greenlight.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The signed-in user and their Camunda groups. */
public record CurrentUser(String id, Set<String> groups) {

    public static final String AUTHORITY_PREFIX = "GROUP_";

    public static CurrentUser get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null || "anonymousUser".equals(auth.getName())) {
            return null;
        }
        return from(auth);
    }

    public static CurrentUser from(Authentication auth) {
        Set<String> groups = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(AUTHORITY_PREFIX))
                .map(a -> a.substring(AUTHORITY_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
        return new CurrentUser(auth.getName(), groups);
    }

    /** The user the engine runs a command for (Tasklist, /engine-rest, our API), or null when there is none. */
    public static CurrentUser of(org.camunda.bpm.engine.impl.identity.Authentication engineAuth) {
        if (engineAuth == null) {
            return null;
        }
        List<String> groups = engineAuth.getGroupIds();
        return new CurrentUser(engineAuth.getUserId(), groups == null ? Set.of()
                : groups.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean in(String group) {
        return groups.contains(group);
    }

    public boolean isManager() {
        return in(Groups.MANAGERS) || in(Groups.ADMIN);
    }

    public boolean canCompose() {
        return in(Groups.CREATORS) || isManager();
    }
}
