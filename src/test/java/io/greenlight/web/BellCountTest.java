package io.greenlight.web;

import io.greenlight.security.LoopbackClient;
import io.greenlight.testing.ApiTestSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The bell counts unread notifications up to 100 only (a bounded read on every page) and shows more as "99+". */
class BellCountTest extends ApiTestSupport {

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theBellShowsTheCountAndCapsItAt99Plus() {
        String user = "bell" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        User u = identity.newUser(user);
        u.setPassword(user);
        identity.saveUser(u);
        notify(user, 7);
        LoopbackClient session = LoopbackClient.signedIn(port, user);
        assertThat(session.get("/settings", Map.of()).body()).contains("7 unread notifications").containsPattern("bell-count\">7<");
        notify(user, 150);
        String page = session.get("/settings", Map.of()).body();
        assertThat(page).contains("More than 99 unread notifications").contains("bell-count\">99+<");
        // the API still says exactly how many there are
        assertThat(http.get(user, "/api/notifications").expect(200).json().path("unread").asLong()).isEqualTo(157);
    }

    private void notify(String user, int n) {
        for (int i = 0; i < n; i++) {
            jdbc.update("insert into notification (recipient, message, created_at) values (?, ?, ?)", user, "Bell " + i,
                    Timestamp.from(Instant.now()));
        }
    }
}
