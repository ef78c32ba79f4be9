package io.greenlight.web;

import io.greenlight.security.LoopbackClient;
import io.greenlight.testing.ApiTestSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.ConfigurableTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page that only reads is read in one transaction, from the layout's advice through the rendered template; a
 * sign-in with HTTP Basic is one more. Counted as the transactions the request's own thread begins (each one a commit
 * on the database), so the job executor and the other threads of the test server do not count.
 */
class ReadOnlyPageViewsTest extends ApiTestSupport {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcTemplate jdbc;

    final List<String> begun = new CopyOnWriteArrayList<>();

    final TransactionExecutionListener onRequestThreads = new TransactionExecutionListener() {
        @Override
        public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
            if (transaction.isNewTransaction() && Thread.currentThread().getName().startsWith("http-nio")) {
                begun.add(String.valueOf(transaction.getTransactionName()));
            }
        }
    };

    @BeforeEach
    void listen() {
        changeListeners(listeners -> listeners.add(onRequestThreads));
    }

    @AfterEach
    void stopListening() {
        changeListeners(listeners -> listeners.remove(onRequestThreads));
    }

    /** On a copy that then replaces the list: the manager's own is iterated by every thread beginning a transaction. */
    private void changeListeners(Consumer<List<TransactionExecutionListener>> change) {
        ConfigurableTransactionManager manager = (ConfigurableTransactionManager) transactions;
        List<TransactionExecutionListener> copy = new CopyOnWriteArrayList<>(manager.getTransactionExecutionListeners());
        change.accept(copy);
        manager.setTransactionExecutionListeners(copy);
    }

    @Test
    void aSignedInPageViewIsOneReadTransactionBesideTheAccountCheck() {
        String draft = createPost(CREATOR, "One transaction", "Read once.").path("id").asText();
        String inReview = submittedPost(CREATOR2, "One transaction too", "Reviewed once.").path("id").asText();
        String review = openTask(inReview, "review").getId();
        Map<String, List<String>> pagesByUser = Map.of(
                CREATOR, List.of("/posts", "/posts/" + draft, "/posts/" + draft + "/edit", "/posts/new", "/inbox",
                        "/campaigns", "/settings", "/assets", "/replies", "/publishing"),
                REVIEWER, List.of("/review/" + review),
                MANAGER, List.of("/calendar", "/insights", "/channels", "/admin/people", "/processes", "/community",
                        "/posts/" + draft + "/external-reviews"));
        pagesByUser.forEach((user, pages) -> {
            LoopbackClient session = LoopbackClient.signedIn(port, user);
            for (String page : pages) {
                session.get(page, Map.of());
                begun.clear();
                LoopbackClient.Response view = session.get(page, Map.of());
                assertThat(view.status()).as(page).isEqualTo(200);
                assertThat(view.body()).as(page).contains("Sign out");
                // the deactivated-session check of every request, then the view itself
                assertThat(begun).as(page).hasSize(2).last().asString().startsWith("view ");
            }
        });
    }

    @Test
    void aPageThatWritesIsNotReadOnly() {
        String user = "reader" + System.nanoTime();
        User u = identity.newUser(user);
        u.setPassword(user);
        identity.saveUser(u);
        jdbc.update("insert into notification (recipient, message, created_at) values (?, ?, ?)", user, "Unread",
                Timestamp.from(Instant.now()));
        LoopbackClient session = LoopbackClient.signedIn(port, user);
        begun.clear();
        // the notification list marks what it shows as read
        assertThat(session.get("/notifications", Map.of()).body()).contains("Unread");
        assertThat(begun).noneMatch(name -> name.startsWith("view "));
        assertThat(http.get(user, "/api/notifications").expect(200).json().path("unread").asLong()).isZero();
    }

    @Test
    void thePublicFeedIsOneReadTransaction() {
        LoopbackClient anonymous = LoopbackClient.anonymous(port);
        anonymous.get("/feed", Map.of());
        begun.clear();
        assertThat(anonymous.get("/feed", Map.of()).status()).isEqualTo(200);
        assertThat(begun).singleElement().asString().startsWith("view ");
    }

    @Test
    void httpBasicSignsInWithinOneTransaction() {
        LoopbackClient client = LoopbackClient.anonymous(port);
        client.get("/posts", Map.of("Authorization", LoopbackClient.basic(CREATOR, CREATOR)));
        begun.clear();
        LoopbackClient.Response view = client.get("/posts", Map.of("Authorization", LoopbackClient.basic(CREATOR, CREATOR)));
        assertThat(view.status()).isEqualTo(200);
        assertThat(begun).as("sign-in, account check, view").hasSize(3);
    }

    @Test
    void aWrongPasswordIsCheckedOnceAndItsAttemptIsKept() {
        LoopbackClient client = LoopbackClient.anonymous(port);
        String user = "attempts" + System.nanoTime();
        User u = identity.newUser(user);
        u.setPassword("right-" + user);
        identity.saveUser(u);
        LoopbackClient.Response refused = client.get("/api/posts", Map.of("Authorization", LoopbackClient.basic(user, "wrong")));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(identity.createUserQuery().userId(user).singleResult()).extracting("attempts").isEqualTo(1);
    }
}
