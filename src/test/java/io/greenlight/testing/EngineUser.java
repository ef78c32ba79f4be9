package io.greenlight.testing;

import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.IdentityService;

import java.util.ArrayList;
import java.util.function.Supplier;

/** Runs work with a user as the engine's current authentication, as Tasklist and Greenlight's API do. */
public final class EngineUser {

    private EngineUser() {
    }

    public static <T> T as(IdentityService identity, CurrentUser user, Supplier<T> work) {
        identity.setAuthentication(user.id(), new ArrayList<>(user.groups()));
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    public static void as(IdentityService identity, CurrentUser user, Runnable work) {
        as(identity, user, () -> {
            work.run();
            return null;
        });
    }

    /** Makes {@code id} a user (password = id, mail id@greenlight.local) in {@code group}, unless there is one. */
    public static void ensure(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var u = identity.newUser(id);
            u.setPassword(id);
            u.setEmail(id + "@greenlight.local");
            identity.saveUser(u);
            identity.createMembership(id, group);
        }
    }
}
