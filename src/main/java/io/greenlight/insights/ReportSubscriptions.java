package io.greenlight.insights;

import io.greenlight.engine.EngineClock;
import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Who receives the weekly insights e-mail: a toggle per user; the address is the user's e-mail in Camunda. */
@Service
public class ReportSubscriptions {

    public record Subscriber(String userId, String email) {
    }

    private final JdbcTemplate jdbc;
    private final IdentityService identity;
    private final SystemAccess system;

    public ReportSubscriptions(JdbcTemplate jdbc, IdentityService identity, SystemAccess system) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.system = system;
    }

    public boolean isSubscribed(String userId) {
        Integer n = jdbc.queryForObject("select count(*) from insights_subscription where user_id = ?", Integer.class, userId);
        return n != null && n > 0;
    }

    @Transactional
    public void subscribe(String userId) {
        if (!isSubscribed(userId)) {
            jdbc.update("insert into insights_subscription (user_id, created_at) values (?, ?)", userId,
                    Timestamp.from(EngineClock.now().toInstant()));
        }
    }

    @Transactional
    public void unsubscribe(String userId) {
        jdbc.update("delete from insights_subscription where user_id = ?", userId);
    }

    /** The user's e-mail address, or null when Camunda's identity service has none. */
    public String emailOf(String userId) {
        // any user's profile, not only what the signed-in user may read in Camunda's identity service
        User user = system.call(() -> identity.createUserQuery().userId(userId).singleResult());
        return user == null || user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
    }

    /** Subscribers that still exist and have an e-mail address. */
    public List<Subscriber> subscribers() {
        List<Subscriber> out = new ArrayList<>();
        for (String id : jdbc.queryForList("select user_id from insights_subscription order by user_id", String.class)) {
            String email = emailOf(id);
            if (email != null) {
                out.add(new Subscriber(id, email));
            }
        }
        return out;
    }
}
