package io.greenlight.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * With {@code greenlight.demo=true} (the {@code demo} profile that {@code ./mvnw spring-boot:run} uses), the
 * first start creates demo users whose password is their name ({@code io.greenlight.channel.DemoChannel} adds the
 * offline {@code local} channel).
 * Never active in a deployed jar unless asked for, so no known passwords ship.
 */
@Component
@Order(3)
@ConditionalOnProperty(name = "greenlight.demo", havingValue = "true")
public class DemoData implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    record DemoUser(String id, String first, String last, List<String> groups) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Ada", "Admin", List.of(Groups.ADMIN, Groups.MANAGERS)),
            new DemoUser("creator", "Cora", "Creator", List.of(Groups.CREATORS)),
            new DemoUser("creator2", "Carl", "Creator", List.of(Groups.CREATORS)),
            new DemoUser("reviewer", "Rita", "Reviewer", List.of(Groups.REVIEWERS)),
            new DemoUser("manager", "Mia", "Manager", List.of(Groups.MANAGERS, Groups.REVIEWERS)));

    private final IdentityService identity;

    public DemoData(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoUser demo : USERS) {
            if (identity.createUserQuery().userId(demo.id()).count() > 0) {
                continue;
            }
            User user = identity.newUser(demo.id());
            user.setFirstName(demo.first());
            user.setLastName(demo.last());
            user.setEmail(demo.id() + "@greenlight.local");
            user.setPassword(demo.id());
            identity.saveUser(user);
            demo.groups().forEach(g -> identity.createMembership(demo.id(), g));
            LOG.warn("Demo user '{}' created with password '{}' (greenlight.demo=true)", demo.id(), demo.id());
        }
    }
}
