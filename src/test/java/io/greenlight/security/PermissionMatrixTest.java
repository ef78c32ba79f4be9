package io.greenlight.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.greenlight.security.LoopbackClient.basic;
import static io.greenlight.security.LoopbackClient.form;
import static io.greenlight.security.LoopbackClient.headers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role × every endpoint of Greenlight's controllers (found through Spring MVC's handler mapping, so a new
 * endpoint without a row here fails {@link #everyEndpointHasARule()}), plus the key /engine-rest operations.
 * "Allowed" means the request gets past every permission check (its answer may still be a 400 or 409 for the
 * fixture's state); "denied" means 401/403, a redirect to sign-in for anonymous pages, or 404 where the rule is to hide
 * what the user may not see (tasks). Fixtures are posts by {@code creator2} (the AUTHOR role).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PermissionMatrixTest {

    enum Role {
        ANONYMOUS(null), AUTHOR("creator2"), CREATOR("creator"), REVIEWER("reviewer"), MANAGER("manager"),
        ADMIN("admin"), ANALYST("matrixanalyst"), COMMUNITY("matrixcommunity");

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    static final Set<Role> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Role.ANONYMOUS));
    static final Set<Role> WRITERS = EnumSet.of(Role.AUTHOR, Role.CREATOR, Role.MANAGER, Role.ADMIN);
    static final Set<Role> AUTHOR_OR_MANAGER = EnumSet.of(Role.AUTHOR, Role.MANAGER, Role.ADMIN);
    static final Set<Role> REVIEW_CANDIDATES = EnumSet.of(Role.REVIEWER, Role.MANAGER, Role.ADMIN);
    static final Set<Role> MANAGERS = EnumSet.of(Role.MANAGER, Role.ADMIN);

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    IdentityService identity;

    @Autowired
    TaskService tasks;

    /** A probe sends the request as a role (a fresh fixture when it changes state) and returns the answer. */
    record Rule(String method, String pattern, Set<Role> allowed, boolean hidesWithNotFound,
                BiFunction<PermissionMatrixTest, Role, LoopbackClient.Response> probe) {
        String key() {
            return method + " " + pattern;
        }
    }

    final Map<Role, LoopbackClient> sessions = new EnumMap<>(Role.class);
    final Map<Role, String> csrf = new EnumMap<>(Role.class);

    @BeforeEach
    void users() {
        for (Role role : List.of(Role.ANALYST, Role.COMMUNITY)) {
            if (identity.createUserQuery().userId(role.user).count() == 0) {
                User u = identity.newUser(role.user);
                u.setPassword(role.user);
                identity.saveUser(u);
                identity.createMembership(role.user, role == Role.ANALYST ? Groups.ANALYSTS : Groups.COMMUNITY);
            }
        }
    }

    // ---- the rules ----------------------------------------------------------------------------------------

    static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // /api
        r.add(api("GET", "/api/posts", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/posts", null)));
        r.add(api("POST", "/api/posts", WRITERS, (t, role) -> t.api(role, "POST", "/api/posts", postJson("matrix"))));
        r.add(api("GET", "/api/posts/{id}", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/posts/" + t.draft(), null)));
        r.add(api("PUT", "/api/posts/{id}", AUTHOR_OR_MANAGER,
                (t, role) -> t.api(role, "PUT", "/api/posts/" + t.draft(), postJson("matrix edit"))));
        r.add(api("POST", "/api/posts/{id}/submit", AUTHOR_OR_MANAGER,
                (t, role) -> t.api(role, "POST", "/api/posts/" + t.draft() + "/submit", null)));
        r.add(api("POST", "/api/posts/{id}/withdraw", AUTHOR_OR_MANAGER,
                (t, role) -> t.api(role, "POST", "/api/posts/" + t.submitted() + "/withdraw", null)));
        r.add(api("GET", "/api/posts/{id}/timeline", SIGNED_IN,
                (t, role) -> t.api(role, "GET", "/api/posts/" + t.submitted() + "/timeline", null)));
        r.add(api("GET", "/api/posts/{id}/versions", SIGNED_IN,
                (t, role) -> t.api(role, "GET", "/api/posts/" + t.submitted() + "/versions", null)));
        r.add(api("GET", "/api/channels", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/channels", null)));
        r.add(api("GET", "/api/notifications", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/notifications", null)));
        r.add(api("POST", "/api/notifications/read", SIGNED_IN, (t, role) -> t.api(role, "POST", "/api/notifications/read", null)));
        r.add(api("GET", "/api/tasks", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/tasks", null)));
        r.add(hidden(api("GET", "/api/tasks/{id}", REVIEW_CANDIDATES,
                (t, role) -> t.api(role, "GET", "/api/tasks/" + t.reviewTask(), null))));
        r.add(hidden(api("POST", "/api/tasks/{id}/claim", REVIEW_CANDIDATES,
                (t, role) -> t.api(role, "POST", "/api/tasks/" + t.reviewTask() + "/claim", null))));
        r.add(hidden(api("POST", "/api/tasks/{id}/unclaim", REVIEW_CANDIDATES,
                (t, role) -> t.api(role, "POST", "/api/tasks/" + t.claimedReviewTask() + "/unclaim", null))));
        r.add(hidden(api("POST", "/api/tasks/{id}/complete", REVIEW_CANDIDATES,
                (t, role) -> t.api(role, "POST", "/api/tasks/" + t.reviewTask() + "/complete", "{\"decision\":\"approve\"}"))));
        r.add(api("GET", "/api/feed", EVERYONE, (t, role) -> t.api(role, "GET", "/api/feed", null)));
        // pages
        r.add(page("GET", "/login", EVERYONE, (t, role) -> t.page(role, "GET", "/login", null)));
        r.add(page("GET", "/", SIGNED_IN, (t, role) -> t.page(role, "GET", "/", null)));
        r.add(page("GET", "/posts", SIGNED_IN, (t, role) -> t.page(role, "GET", "/posts", null)));
        r.add(page("GET", "/posts/new", WRITERS, (t, role) -> t.page(role, "GET", "/posts/new", null)));
        r.add(page("POST", "/posts", WRITERS, (t, role) -> t.page(role, "POST", "/posts", Map.of(
                "title", "matrix page", "timeZone", "Europe/Berlin", "variants[0].channel", "local",
                "variants[0].enabled", "true", "variants[0].text", "From the matrix"))));
        r.add(page("GET", "/posts/{id}", SIGNED_IN, (t, role) -> t.page(role, "GET", "/posts/" + t.draft(), null)));
        r.add(page("GET", "/posts/{id}/edit", AUTHOR_OR_MANAGER, (t, role) -> t.page(role, "GET", "/posts/" + t.draft() + "/edit", null)));
        r.add(page("POST", "/posts/{id}", AUTHOR_OR_MANAGER, (t, role) -> t.page(role, "POST", "/posts/" + t.draft(), Map.of(
                "title", "matrix page edit", "timeZone", "Europe/Berlin", "variants[0].channel", "local",
                "variants[0].enabled", "true", "variants[0].text", "Edited from the matrix"))));
        r.add(page("POST", "/posts/{id}/submit", AUTHOR_OR_MANAGER,
                (t, role) -> t.page(role, "POST", "/posts/" + t.draft() + "/submit", Map.of())));
        r.add(page("POST", "/posts/{id}/withdraw", AUTHOR_OR_MANAGER,
                (t, role) -> t.page(role, "POST", "/posts/" + t.submitted() + "/withdraw", Map.of())));
        r.add(page("POST", "/posts/{id}/resubmit", AUTHOR_OR_MANAGER,
                (t, role) -> t.page(role, "POST", "/posts/" + t.changesRequested() + "/resubmit", Map.of())));
        r.add(page("GET", "/inbox", SIGNED_IN, (t, role) -> t.page(role, "GET", "/inbox", null)));
        r.add(hidden(page("POST", "/inbox/{taskId}/claim", REVIEW_CANDIDATES,
                (t, role) -> t.page(role, "POST", "/inbox/" + t.reviewTask() + "/claim", Map.of()))));
        r.add(hidden(page("POST", "/inbox/{taskId}/unclaim", REVIEW_CANDIDATES,
                (t, role) -> t.page(role, "POST", "/inbox/" + t.claimedReviewTask() + "/unclaim", Map.of()))));
        r.add(hidden(page("POST", "/inbox/{taskId}/complete", REVIEW_CANDIDATES,
                (t, role) -> t.page(role, "POST", "/inbox/" + t.reviewTask() + "/complete", Map.of("decision", "approve")))));
        r.add(page("GET", "/notifications", SIGNED_IN, (t, role) -> t.page(role, "GET", "/notifications", null)));
        r.add(page("GET", "/feed", EVERYONE, (t, role) -> t.page(role, "GET", "/feed", null)));
        // publishing: publications and metrics of a post, pausing all publishing
        r.add(api("GET", "/api/posts/{id}/publications", SIGNED_IN,
                (t, role) -> t.api(role, "GET", "/api/posts/" + t.draft() + "/publications", null)));
        r.add(api("GET", "/api/posts/{id}/metrics", SIGNED_IN,
                (t, role) -> t.api(role, "GET", "/api/posts/" + t.draft() + "/metrics", null)));
        r.add(api("GET", "/api/publishing/pause", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/publishing/pause", null)));
        r.add(api("POST", "/api/publishing/pause", MANAGERS, (t, role) -> t.pauseAndResume(role)));
        r.add(api("POST", "/api/publishing/resume", MANAGERS, (t, role) -> t.api(role, "POST", "/api/publishing/resume", null)));
        r.add(api("GET", "/api/publishing/audit", MANAGERS, (t, role) -> t.api(role, "GET", "/api/publishing/audit", null)));
        r.add(page("GET", "/publishing", SIGNED_IN, (t, role) -> t.page(role, "GET", "/publishing", null)));
        r.add(page("POST", "/publishing/pause", MANAGERS, (t, role) -> {
            LoopbackClient.Response res = t.page(role, "POST", "/publishing/pause", Map.of("reason", "permission matrix"));
            if (!denied(res, false)) {
                assertThat(t.api(Role.ADMIN, "POST", "/api/publishing/resume", null).status()).isLessThan(300);
            }
            return res;
        }));
        r.add(page("POST", "/publishing/resume", MANAGERS, (t, role) -> t.page(role, "POST", "/publishing/resume", Map.of())));
        // channels: configuring them is for managers (an incomplete command: allowed roles get a 400)
        r.add(api("POST", "/api/channels", MANAGERS, (t, role) -> t.api(role, "POST", "/api/channels", "{}")));
        r.add(api("PUT", "/api/channels/{key}/credentials", MANAGERS, (t, role) -> t.api(role, "PUT",
                "/api/channels/matrixnone/credentials", "{\"credentials\":\"x\"}")));
        //: the composer's live count for everyone signed in; editing channels, the channels page and
        // "connect account" for managers (unknown channel keys: nothing changes)
        r.add(api("POST", "/api/channels/count", SIGNED_IN, (t, role) -> t.api(role, "POST", "/api/channels/count",
                "{\"text\":\"matrix\",\"channels\":[\"local\"]}")));
        r.add(api("PATCH", "/api/channels/{key}", MANAGERS, (t, role) -> t.api(role, "PATCH", "/api/channels/matrixnone",
                "{\"name\":\"matrix\"}")));
        r.add(page("GET", "/channels", MANAGERS, (t, role) -> t.page(role, "GET", "/channels", null)));
        r.add(page("POST", "/channels", MANAGERS, (t, role) -> t.page(role, "POST", "/channels", Map.of("key", "Bad Key!"))));
        r.add(page("POST", "/channels/{key}", MANAGERS, (t, role) -> t.page(role, "POST", "/channels/matrixnone",
                Map.of("name", "matrix"))));
        r.add(page("POST", "/channels/{key}/credentials", MANAGERS, (t, role) -> t.page(role, "POST",
                "/channels/matrixnone/credentials", Map.of("credentials", "x"))));
        r.add(page("GET", "/channels/{key}/connect", MANAGERS, (t, role) -> t.page(role, "GET", "/channels/local/connect", null)));
        r.add(page("GET", "/channels/oauth/callback", MANAGERS, (t, role) -> t.page(role, "GET",
                "/channels/oauth/callback?code=matrix&state=matrix", null)));
        //: withdrawing a published post (a draft: allowed roles get a 409, nothing is published)
        r.add(api("POST", "/api/posts/{id}/recall", AUTHOR_OR_MANAGER, (t, role) -> t.api(role, "POST",
                "/api/posts/" + t.draft() + "/recall", "{\"reason\":\"matrix\"}")));
        r.add(api("GET", "/api/posts/{id}/recall", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/posts/" + t.draft() + "/recall", null)));
        r.add(page("POST", "/posts/{id}/recall", AUTHOR_OR_MANAGER, (t, role) -> t.page(role, "POST",
                "/posts/" + t.draft() + "/recall", Map.of("reason", "matrix"))));
        // process pages: managers and process owners; an unknown key, so nothing is migrated
        r.add(page("GET", "/processes", MANAGERS, (t, role) -> t.page(role, "GET", "/processes", null)));
        r.add(page("GET", "/processes/{key}", MANAGERS, (t, role) -> t.page(role, "GET", "/processes/matrixnone", null)));
        r.add(page("GET", "/processes/{key}/diagram", MANAGERS, (t, role) -> t.page(role, "GET", "/processes/matrixnone/diagram", null)));
        r.add(page("POST", "/processes/{key}/migrate", MANAGERS, (t, role) -> t.page(role, "POST", "/processes/matrixnone/migrate", Map.of("from", "1"))));
        // Comments, my settings, absences, people and teams, offboarding (administrators)
        r.add(api("GET", "/api/posts/{postId}/comments", SIGNED_IN,
                (t, role) -> t.api(role, "GET", "/api/posts/" + t.draft() + "/comments", null)));
        r.add(api("POST", "/api/posts/{postId}/comments", SIGNED_IN,
                (t, role) -> t.api(role, "POST", "/api/posts/" + t.draft() + "/comments", "{\"body\":\"From the matrix\"}")));
        r.add(api("GET", "/api/me/settings", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/me/settings", null)));
        r.add(api("PUT", "/api/me/settings", SIGNED_IN, (t, role) -> t.api(role, "PUT", "/api/me/settings", "{}")));
        r.add(api("POST", "/api/users/{userId}/absences", AUTHOR_OR_MANAGER, (t, role) -> t.api(role, "POST",
                "/api/users/creator2/absences", "{\"backup\":\"admin\",\"from\":\"2040-01-01T09:00:00Z\",\"to\":\"2040-01-02T09:00:00Z\"}")));
        r.add(api("POST", "/api/users/{userId}/deactivate", EnumSet.of(Role.ADMIN),
                (t, role) -> t.api(role, "POST", "/api/users/" + t.throwawayUser() + "/deactivate", null)));
        r.add(page("GET", "/settings", SIGNED_IN, (t, role) -> t.page(role, "GET", "/settings", null)));
        r.add(page("POST", "/settings/preferences", SIGNED_IN, (t, role) -> t.page(role, "POST", "/settings/preferences",
                defaultPreferences())));
        r.add(page("POST", "/settings/absence", SIGNED_IN, (t, role) -> t.page(role, "POST", "/settings/absence", Map.of(
                "backup", "manager", "from", "2040-02-01T09:00", "to", "2040-02-02T09:00"))));
        r.add(page("POST", "/settings/absence/{id}/end", SIGNED_IN,
                (t, role) -> t.page(role, "POST", "/settings/absence/999999999/end", Map.of())));
        r.add(page("GET", "/admin/people", MANAGERS, (t, role) -> t.page(role, "GET", "/admin/people", null)));
        r.add(page("POST", "/admin/people/{userId}/absence", MANAGERS, (t, role) -> t.page(role, "POST",
                "/admin/people/creator2/absence", Map.of("backup", "admin", "from", "2040-03-01T09:00", "to", "2040-03-02T09:00"))));
        r.add(page("POST", "/admin/people/{userId}/deactivate", EnumSet.of(Role.ADMIN), (t, role) -> t.page(role, "POST",
                "/admin/people/" + t.throwawayUser() + "/deactivate", Map.of())));
        r.add(page("POST", "/admin/people/{userId}/reactivate", EnumSet.of(Role.ADMIN), (t, role) -> t.page(role, "POST",
                "/admin/people/" + t.throwawayUser() + "/reactivate", Map.of("password", "long-enough-1"))));
        // people and groups: managers add users and set memberships (a refused form is still "allowed": 400)
        r.add(page("POST", "/admin/people", MANAGERS, (t, role) -> t.page(role, "POST", "/admin/people",
                Map.of("id", "", "firstName", "Matrix", "groups", "creators", "password", "short"))));
        r.add(page("POST", "/admin/people/{userId}/groups", MANAGERS, (t, role) -> t.page(role, "POST",
                "/admin/people/" + t.throwawayUser() + "/groups", Map.of("groups", "creators"))));
        r.add(page("POST", "/admin/groups/{group}/members", MANAGERS, (t, role) -> t.page(role, "POST",
                "/admin/groups/creators/members", Map.of("userId", t.throwawayUser()))));
        // an invited user's one-time link: the secret in the address is the credential (an unknown one is a 404 for all)
        r.add(page("GET", "/invite/{userId}/{token}", EVERYONE, (t, role) -> t.page(role, "GET", "/invite/matrixnone/x", null)));
        r.add(page("POST", "/invite/{userId}/{token}", EVERYONE, (t, role) -> t.page(role, "POST", "/invite/matrixnone/x",
                Map.of("password", "long enough secret", "confirm", "long enough secret"))));
        r.add(page("POST", "/admin/teams/{group}", MANAGERS, (t, role) -> t.page(role, "POST", "/admin/teams/matrixnone",
                Map.of("timeZone", "UTC"))));
        r.add(page("POST", "/posts/{postId}/comments", SIGNED_IN,
                (t, role) -> t.page(role, "POST", "/posts/" + t.draft() + "/comments", Map.of("body", "From the matrix page"))));
        // insights: analysts and managers; short links are public (an unknown code is a 404 for everybody);
        // the author or a manager opts a post out of click counting
        Set<Role> insights = EnumSet.of(Role.ANALYST, Role.MANAGER, Role.ADMIN);
        r.add(page("GET", "/insights", insights, (t, role) -> t.page(role, "GET", "/insights", null)));
        r.add(page("GET", "/insights/export/{key}", insights, (t, role) -> t.page(role, "GET", "/insights/export/stages", null)));
        r.add(page("GET", "/insights/diagram", insights, (t, role) -> t.page(role, "GET", "/insights/diagram", null)));
        r.add(page("POST", "/insights/subscription", insights,
                (t, role) -> t.page(role, "POST", "/insights/subscription", Map.of("subscribe", "false"))));
        r.add(api("GET", "/api/audit", insights, (t, role) -> t.api(role, "GET", "/api/audit?post=" + t.draft(), null)));
        // the community inbox: the community team and managers; the feed's comment form and the signed inbound
        // webhook are public (a channel without a webhook secret is a 404 for everybody); managers create secrets
        Set<Role> inbox = EnumSet.of(Role.COMMUNITY, Role.MANAGER, Role.ADMIN);
        r.add(page("GET", "/community", inbox, (t, role) -> t.page(role, "GET", "/community", null)));
        r.add(page("GET", "/community/{id}", inbox, (t, role) -> t.page(role, "GET", "/community/" + t.conversation(), null)));
        r.add(page("POST", "/community/{id}/claim", inbox,
                (t, role) -> t.page(role, "POST", "/community/" + t.conversation() + "/claim", Map.of())));
        r.add(page("POST", "/community/{id}/reply", inbox,
                (t, role) -> t.page(role, "POST", "/community/" + t.conversation() + "/reply", Map.of("text", "Thanks!"))));
        r.add(page("POST", "/community/{id}/no-reply", inbox,
                (t, role) -> t.page(role, "POST", "/community/" + t.conversation() + "/no-reply", Map.of())));
        r.add(page("POST", "/community/{id}/decide", inbox,
                (t, role) -> t.page(role, "POST", "/community/" + t.conversation() + "/decide", Map.of("decision", "approve"))));
        r.add(page("POST", "/community/{id}/notes", inbox,
                (t, role) -> t.page(role, "POST", "/community/" + t.conversation() + "/notes", Map.of("text", "matrix note"))));
        r.add(api("GET", "/api/community/summary", inbox, (t, role) -> t.api(role, "GET", "/api/community/summary", null)));
        r.add(api("GET", "/api/community/conversations", inbox,
                (t, role) -> t.api(role, "GET", "/api/community/conversations", null)));
        r.add(api("POST", "/api/community/channels/{channel}/webhook-secret", MANAGERS,
                (t, role) -> t.api(role, "POST", "/api/community/channels/local/webhook-secret", null)));
        r.add(api("POST", "/api/inbound/{channel}", EVERYONE, (t, role) -> t.api(role, "POST", "/api/inbound/matrixnone", "{}")));
        r.add(page("POST", "/feed/comments", EVERYONE, (t, role) -> t.page(role, "POST", "/feed/comments", Map.of("text", ""))));
        // the review screen (read-only for everyone signed in who is not a candidate; deciding claims for candidates)
        r.add(page("GET", "/review/{taskId}", SIGNED_IN, (t, role) -> t.page(role, "GET", "/review/" + t.reviewTask(), null)));
        r.add(page("GET", "/review/post/{postId}", SIGNED_IN, (t, role) -> t.page(role, "GET", "/review/post/" + t.submitted(), null)));
        r.add(hidden(page("POST", "/review/{taskId}/decide", REVIEW_CANDIDATES, (t, role) -> t.page(role, "POST",
                "/review/" + t.reviewTask() + "/decide", Map.of("decision", "approve")))));
        // every task's own Camunda Form in the inbox: a review task's form page sends everyone signed in on to the
        // review screen (read-only unless they are its candidates); loading and submitting a form are the candidates'
        r.add(page("GET", "/inbox/tasks/{taskId}", SIGNED_IN,
                (t, role) -> t.page(role, "GET", "/inbox/tasks/" + t.reviewTask(), null)));
        r.add(hidden(api("GET", "/api/tasks/{id}/form", REVIEW_CANDIDATES,
                (t, role) -> t.api(role, "GET", "/api/tasks/" + t.reviewTask() + "/form", null))));
        r.add(hidden(api("POST", "/api/tasks/{id}/form", REVIEW_CANDIDATES,
                (t, role) -> t.api(role, "POST", "/api/tasks/" + t.reviewTask() + "/form", "{\"decision\":\"approve\"}"))));
        // media of posts published to the public feed (an unknown file is a 404 for everybody)
        r.add(page("GET", "/feed/media/{postId}/{channel}/{assetId}", EVERYONE,
                (t, role) -> t.page(role, "GET", "/feed/media/matrixnone/local/1", null)));
        // media behind a signed, expiring link (what Instagram and Threads fetch): a bad signature is a 404 for everybody
        r.add(page("GET", "/media/signed/{postId}/{channel}/{file}", EVERYONE,
                (t, role) -> t.page(role, "GET", "/media/signed/matrixnone/local/1.jpg?expires=1&signature=x", null)));
        r.add(page("GET", "/r/{code}", EVERYONE, (t, role) -> t.page(role, "GET", "/r/matrixnone", null)));
        r.add(page("POST", "/posts/{id}/link-tracking", AUTHOR_OR_MANAGER,
                (t, role) -> t.page(role, "POST", "/posts/" + t.draft() + "/link-tracking", Map.of("track", "false"))));
        // external approvers: the approver's page is public, guarded only by the signed link (a forged one
        // is a 404 for everybody); the team sees a post's links, managers revoke and resend them (unknown link: 404)
        r.add(page("GET", "/external/review/{token}", EVERYONE,
                (t, role) -> t.page(role, "GET", "/external/review/" + UUID.randomUUID() + ".matrix", null)));
        r.add(page("POST", "/external/review/{token}", EVERYONE, (t, role) -> t.page(role, "POST",
                "/external/review/" + UUID.randomUUID() + ".matrix", Map.of("decision", "approve", "contentHash", "x"))));
        r.add(api("GET", "/api/posts/{id}/external-reviews", SIGNED_IN,
                (t, role) -> t.api(role, "GET", "/api/posts/" + t.draft() + "/external-reviews", null)));
        r.add(api("POST", "/api/posts/{id}/external-reviews/{linkId}/revoke", MANAGERS, (t, role) -> t.api(role, "POST",
                "/api/posts/" + t.draft() + "/external-reviews/" + UUID.randomUUID() + "/revoke", null)));
        r.add(api("POST", "/api/posts/{id}/external-reviews/{linkId}/resend", MANAGERS, (t, role) -> t.api(role, "POST",
                "/api/posts/" + t.draft() + "/external-reviews/" + UUID.randomUUID() + "/resend", null)));
        r.add(page("GET", "/posts/{id}/external-reviews", SIGNED_IN,
                (t, role) -> t.page(role, "GET", "/posts/" + t.draft() + "/external-reviews", null)));
        r.add(page("POST", "/posts/{id}/external-reviews/{linkId}/revoke", MANAGERS, (t, role) -> t.page(role, "POST",
                "/posts/" + t.draft() + "/external-reviews/" + UUID.randomUUID() + "/revoke", Map.of())));
        r.add(page("POST", "/posts/{id}/external-reviews/{linkId}/resend", MANAGERS, (t, role) -> t.page(role, "POST",
                "/posts/" + t.draft() + "/external-reviews/" + UUID.randomUUID() + "/resend", Map.of())));
        // per-channel rights: everyone signed in may see who may draft for a channel, managers change it
        // (an unknown channel, so nothing changes: allowed roles get a 404)
        r.add(api("GET", "/api/channels/{key}/draft-groups", SIGNED_IN,
                (t, role) -> t.api(role, "GET", "/api/channels/local/draft-groups", null)));
        r.add(api("PUT", "/api/channels/{key}/draft-groups", MANAGERS,
                (t, role) -> t.api(role, "PUT", "/api/channels/matrixnone/draft-groups", "{\"groups\":[]}")));
        // content studio: calendar for everyone signed in; moving and repeating for the author or a
        // manager; batch approval decides only tasks the user may decide (none here: an empty selection is a 400)
        r.add(page("GET", "/calendar", SIGNED_IN, (t, role) -> t.page(role, "GET", "/calendar?zone=UTC", null)));
        r.add(page("POST", "/calendar/move", AUTHOR_OR_MANAGER, (t, role) -> t.page(role, "POST", "/calendar/move",
                Map.of("postId", t.draft(), "date", java.time.LocalDate.now().plusDays(30).toString(), "time", "09:00"))));
        r.add(page("GET", "/calendar/approvals", SIGNED_IN, (t, role) -> t.page(role, "GET", "/calendar/approvals", null)));
        r.add(page("POST", "/calendar/approvals", SIGNED_IN, (t, role) -> t.page(role, "POST", "/calendar/approvals",
                Map.of("from", "2030-01-01", "to", "2030-01-07"))));
        r.add(page("GET", "/calendar/repeat/{postId}", SIGNED_IN, (t, role) -> t.page(role, "GET", "/calendar/repeat/" + t.draft(), null)));
        r.add(page("POST", "/calendar/repeat/{postId}", AUTHOR_OR_MANAGER, (t, role) -> t.page(role, "POST",
                "/calendar/repeat/" + t.draft(), Map.of("every", "1", "unit", "WEEKS", "until", "2030-01-01"))));
        r.add(api("GET", "/api/calendar", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/calendar?view=month&zone=UTC", null)));
        r.add(api("GET", "/api/calendar/best-times", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/calendar/best-times", null)));
        r.add(api("POST", "/api/posts/{id}/reschedule", AUTHOR_OR_MANAGER, (t, role) -> t.api(role, "POST",
                "/api/posts/" + t.draft() + "/reschedule", "{\"scheduledAt\":\"2030-01-01T09:00:00Z\"}")));
        r.add(api("POST", "/api/posts/{id}/repeat", AUTHOR_OR_MANAGER, (t, role) -> t.api(role, "POST",
                "/api/posts/" + t.draft() + "/repeat", "{\"every\":1,\"unit\":\"weeks\",\"until\":\"2030-01-01\"}")));
        r.add(api("POST", "/api/calendar/approvals", SIGNED_IN, (t, role) -> t.api(role, "POST", "/api/calendar/approvals",
                "{\"taskIds\":[],\"from\":\"2030-01-01\",\"to\":\"2030-01-07\"}")));
        // asset library: everyone signed in sees it; writers upload; the uploader (creator2) or a manager describes
        r.add(page("GET", "/assets", SIGNED_IN, (t, role) -> t.page(role, "GET", "/assets", null)));
        r.add(page("POST", "/assets", WRITERS, (t, role) -> t.page(role, "POST", "/assets", Map.of("altText", "no file"))));
        r.add(page("GET", "/assets/{id}", SIGNED_IN, (t, role) -> t.page(role, "GET", "/assets/" + t.asset(), null)));
        r.add(page("POST", "/assets/{id}", AUTHOR_OR_MANAGER, (t, role) -> t.page(role, "POST", "/assets/" + t.asset(),
                Map.of("altText", "matrix", "tags", "matrix"))));
        r.add(page("GET", "/assets/{id}/file", SIGNED_IN, (t, role) -> t.page(role, "GET", "/assets/" + t.asset() + "/file", null)));
        r.add(api("GET", "/api/assets", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/assets", null)));
        r.add(api("POST", "/api/assets", WRITERS, (t, role) -> t.multipart(role, "/api/assets", "matrix.png", "not a file part")));
        r.add(api("GET", "/api/assets/{id}", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/assets/" + t.asset(), null)));
        r.add(api("PUT", "/api/assets/{id}", AUTHOR_OR_MANAGER, (t, role) -> t.api(role, "PUT", "/api/assets/" + t.asset(),
                "{\"altText\":\"matrix\",\"tags\":[\"matrix\"]}")));
        // composer: checks and link checks for writers (the server makes the request), hashtags for everyone
        r.add(api("POST", "/api/compose/check", WRITERS, (t, role) -> t.api(role, "POST", "/api/compose/check",
                "{\"variants\":[{\"channel\":\"local\",\"text\":\"matrix\"}]}")));
        r.add(api("GET", "/api/compose/hashtags", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/compose/hashtags?q=matrix", null)));
        r.add(api("POST", "/api/compose/link-check", WRITERS, (t, role) -> t.api(role, "POST", "/api/compose/link-check",
                "{\"url\":\"ftp://matrix.example\"}")));
        // saved replies: per team (creator2's reply belongs to creators; other teams get a 404), delete by its writer or a manager
        r.add(page("GET", "/replies", SIGNED_IN, (t, role) -> t.page(role, "GET", "/replies", null)));
        r.add(page("POST", "/replies", SIGNED_IN, (t, role) -> t.page(role, "POST", "/replies", Map.of("title", ""))));
        r.add(hidden(page("POST", "/replies/{id}", WRITERS, (t, role) -> t.page(role, "POST", "/replies/" + t.reply(),
                Map.of("title", "matrix", "body", "Hi {{name}}", "team", "creators")))));
        r.add(hidden(page("POST", "/replies/{id}/delete", AUTHOR_OR_MANAGER,
                (t, role) -> t.page(role, "POST", "/replies/" + t.reply() + "/delete", Map.of()))));
        r.add(api("GET", "/api/replies", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/replies", null)));
        r.add(api("POST", "/api/replies", SIGNED_IN, (t, role) -> t.api(role, "POST", "/api/replies", "{\"title\":\"\"}")));
        r.add(hidden(api("POST", "/api/replies/{id}/render", WRITERS, (t, role) -> t.api(role, "POST",
                "/api/replies/" + t.reply() + "/render", "{\"values\":{\"name\":\"Ana\"}}"))));
        // campaigns: everyone reads, writers plan (an empty name is a 400)
        r.add(page("GET", "/campaigns", SIGNED_IN, (t, role) -> t.page(role, "GET", "/campaigns", null)));
        r.add(page("POST", "/campaigns", WRITERS, (t, role) -> t.page(role, "POST", "/campaigns", Map.of("name", ""))));
        r.add(api("GET", "/api/campaigns", SIGNED_IN, (t, role) -> t.api(role, "GET", "/api/campaigns", null)));
        r.add(api("PUT", "/api/campaigns", WRITERS, (t, role) -> t.api(role, "PUT", "/api/campaigns", "{\"name\":\"\"}")));
        // CSV: writers import (no file: a 400), everyone signed in exports
        r.add(page("GET", "/posts/import", WRITERS, (t, role) -> t.page(role, "GET", "/posts/import", null)));
        r.add(page("POST", "/posts/import", WRITERS, (t, role) -> t.page(role, "POST", "/posts/import", Map.of())));
        r.add(page("GET", "/posts/export.csv", SIGNED_IN, (t, role) -> t.page(role, "GET", "/posts/export.csv?from=2030-01-01&to=2030-01-02", null)));
        return r;
    }

    /** The notification defaults, so the probe leaves demo users' choices as they are. */
    static Map<String, String> defaultPreferences() {
        StringBuilder on = new StringBuilder();
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("timeZone", "UTC");
        for (io.greenlight.notify.NotificationEvent e : io.greenlight.notify.NotificationEvent.choosable()) {
            for (io.greenlight.notify.DeliveryChannel c : List.of(io.greenlight.notify.DeliveryChannel.IN_APP,
                    io.greenlight.notify.DeliveryChannel.EMAIL)) {
                if (e.byDefault(c)) {
                    on.append(on.isEmpty() ? "" : ",").append(e.key()).append('/').append(c.key());
                }
            }
        }
        form.put("on", on.toString());
        return form;
    }

    /** Pauses publishing as the role and, when that worked, resumes it at once (other tests publish). */
    LoopbackClient.Response pauseAndResume(Role role) {
        LoopbackClient.Response r = api(role, "POST", "/api/publishing/pause", "{\"reason\":\"permission matrix\"}");
        if (r.status() < 300) {
            assertThat(api(Role.ADMIN, "POST", "/api/publishing/resume", null).status()).isLessThan(300);
        }
        return r;
    }

    /** Key operations of Camunda's REST API, behind the same users and Camunda's authorizations. */
    static List<Rule> engineRules() {
        List<Rule> r = new ArrayList<>();
        r.add(api("GET", "/engine-rest/task", SIGNED_IN, (t, role) -> t.api(role, "GET", "/engine-rest/task", null)));
        r.add(api("GET", "/engine-rest/process-definition", SIGNED_IN,
                (t, role) -> t.api(role, "GET", "/engine-rest/process-definition", null)));
        // only Greenlight's submit starts a post's process: nobody, not even an admin, may start it directly
        r.add(api("POST", "/engine-rest/process-definition/key/post-approval/start", EnumSet.noneOf(Role.class),
                (t, role) -> t.api(role, "POST", "/engine-rest/process-definition/key/post-approval/start", "{}")));
        r.add(api("POST", "/engine-rest/user/create", EnumSet.of(Role.ADMIN), (t, role) -> t.api(role, "POST",
                "/engine-rest/user/create", "{\"profile\":{\"id\":\"m" + UUID.randomUUID().toString().substring(0, 8)
                        + "\"},\"credentials\":{\"password\":\"S3cret-matrix\"}}")));
        r.add(api("PUT", "/engine-rest/group/{id}/members/{userId}", EnumSet.of(Role.ADMIN),
                (t, role) -> t.api(role, "PUT", "/engine-rest/group/camunda-admin/members/" + t.throwawayUser(), null)));
        r.add(api("POST", "/engine-rest/authorization/create", EnumSet.of(Role.ADMIN), (t, role) -> t.api(role, "POST",
                "/engine-rest/authorization/create", "{\"type\":1,\"permissions\":[\"READ\"],\"userId\":\""
                        + t.throwawayUser() + "\",\"resourceType\":0,\"resourceId\":\"tasklist\"}")));
        r.add(api("POST", "/engine-rest/deployment/create", EnumSet.of(Role.ADMIN), (t, role) -> t.multipart(role,
                "/engine-rest/deployment/create", "matrix.bpmn", MINIMAL_BPMN)));
        r.add(api("POST", "/engine-rest/task/{id}/complete", REVIEW_CANDIDATES, (t, role) -> t.api(role, "POST",
                "/engine-rest/task/" + t.claimed(t.reviewTask(), role) + "/complete",
                "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}")));
        return r;
    }

    static final String MINIMAL_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                         targetNamespace="http://greenlight.io/matrix">
              <process id="matrix-noop" isExecutable="true" camunda:historyTimeToLive="P1D">
                <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/>
              </process>
            </definitions>
            """;

    static Rule api(String method, String pattern, Set<Role> allowed, BiFunction<PermissionMatrixTest, Role, LoopbackClient.Response> probe) {
        return new Rule(method, pattern, allowed, false, probe);
    }

    static Rule page(String method, String pattern, Set<Role> allowed, BiFunction<PermissionMatrixTest, Role, LoopbackClient.Response> probe) {
        return new Rule(method, pattern, allowed, false, probe);
    }

    static Rule hidden(Rule r) {
        return new Rule(r.method(), r.pattern(), r.allowed(), true, r.probe());
    }

    // ---- the tests ----------------------------------------------------------------------------------------

    @Test
    void everyEndpointHasARule() {
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, org.springframework.web.method.HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("io.greenlight")) {
                continue;
            }
            Set<String> methods = new TreeSet<>();
            e.getKey().getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            assertThat(methods).as("%s declares its HTTP method", e.getValue()).isNotEmpty();
            for (String pattern : e.getKey().getPatternValues()) {
                methods.forEach(m -> endpoints.add(m + " " + pattern));
            }
        }
        Set<String> covered = new TreeSet<>();
        rules().forEach(r -> covered.add(r.key()));
        Set<String> missing = new TreeSet<>(endpoints);
        missing.removeAll(covered);
        assertThat(missing).as("endpoints without a row in the permission matrix").isEmpty();
    }

    /** The endpoints that exist in this build (rules for endpoints not (yet) built are skipped). */
    private Set<String> endpoints() {
        return io.greenlight.testing.Endpoints.of(mappings, controller -> true);
    }

    @Test
    void everyRoleOnEveryEndpoint() {
        Set<String> existing = endpoints();
        assertMatrix(rules().stream().filter(r -> existing.contains(r.key())).toList());
    }

    @Test
    void keyEngineRestOperations() {
        assertMatrix(engineRules());
    }

    private void assertMatrix(List<Rule> rules) {
        List<String> wrong = new ArrayList<>();
        Map<String, String> table = new LinkedHashMap<>();
        for (Rule rule : rules) {
            StringBuilder row = new StringBuilder();
            for (Role role : Role.values()) {
                LoopbackClient.Response r = rule.probe().apply(this, role);
                boolean denied = denied(r, rule.hidesWithNotFound());
                boolean expectedAllowed = rule.allowed().contains(role);
                row.append(String.format(" %-9s%s", role.name().substring(0, Math.min(9, role.name().length())),
                        denied ? "-" : "+"));
                if (denied == expectedAllowed) {
                    wrong.add(rule.key() + " as " + role + ": expected " + (expectedAllowed ? "allowed" : "denied")
                            + " but got " + r.status() + " " + r.header("Location") + " " + abbreviate(r.body()));
                }
            }
            table.put(rule.key(), row.toString());
        }
        table.forEach((k, v) -> System.out.printf("%-60s%s%n", k, v));
        assertThat(wrong).as("permission matrix").isEmpty();
    }

    private static boolean denied(LoopbackClient.Response r, boolean hides) {
        String location = r.header("Location");
        return r.status() == 401 || r.status() == 403 || (hides && r.status() == 404)
                || (r.status() == 302 && location != null && location.endsWith("/login"));
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    // ---- requests ------------------------------------------------------------------------------------------

    LoopbackClient.Response api(Role role, String method, String path, String json) {
        Map<String, String> h = new LinkedHashMap<>();
        if (role.user != null) {
            h.put("Authorization", basic(role.user, role.user));
        }
        h.put("Accept", "application/json");
        if (json != null) {
            h.put("Content-Type", "application/json");
        }
        return new LoopbackClient("127.0.0.1", port).send(method, path, h, json == null && !method.equals("GET") ? "" : json);
    }

    LoopbackClient.Response multipart(Role role, String path, String fileName, String content) {
        String boundary = "----matrix" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nmatrix\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/xml\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        Map<String, String> h = new LinkedHashMap<>();
        if (role.user != null) {
            h.put("Authorization", basic(role.user, role.user));
        }
        h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        return new LoopbackClient("127.0.0.1", port).send("POST", path, h, body);
    }

    LoopbackClient.Response page(Role role, String method, String path, Map<String, String> form) {
        LoopbackClient client = session(role);
        if (form == null) {
            return client.get(path, Map.of());
        }
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf.get(role) != null) {
            fields.put("_csrf", csrf.get(role));
        }
        return client.send(method, path, headers("Content-Type", "application/x-www-form-urlencoded"), form(fields));
    }

    private LoopbackClient session(Role role) {
        return sessions.computeIfAbsent(role, r -> {
            LoopbackClient client = new LoopbackClient("127.0.0.1", port);
            String token = token(client.get("/login", Map.of()).body());
            if (r.user != null) {
                LoopbackClient.Response in = client.send("POST", "/login", headers("Content-Type", "application/x-www-form-urlencoded"),
                        form(Map.of("username", r.user, "password", r.user, "_csrf", token)));
                assertThat(in.header("Location")).as("sign-in of %s", r.user).doesNotContain("error");
                token = token(client.get("/feed", Map.of()).body());
            }
            csrf.put(r, token);
            return client;
        });
    }

    private static String token(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"|name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    // ---- fixtures (by creator2, through the API) ----------------------------------------------------------

    static String postJson(String title) {
        return "{\"title\":\"" + title + " " + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"variants\":[{\"channel\":\"local\",\"text\":\"Matrix fixture\"}]}";
    }

    String draft() {
        LoopbackClient.Response r = api(Role.AUTHOR, "POST", "/api/posts", postJson("fixture"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return json(r).path("id").asText();
    }

    @Autowired
    io.greenlight.conversation.Inbox inbox;

    /** A conversation on the local channel, waiting for its answer. */
    String conversation() {
        String id = "matrix-" + UUID.randomUUID();
        return inbox.receive(new io.greenlight.conversation.InboundMessage("local", id, null, null, null, null, "matrix",
                "Matrix", 0, "Matrix question?", null, null, null, null, io.greenlight.engine.EngineClock.now()))
                .orElseThrow().getId();
    }

    String submitted() {
        String id = draft();
        assertThat(api(Role.AUTHOR, "POST", "/api/posts/" + id + "/submit", null).status()).isEqualTo(200);
        return id;
    }

    String reviewTask() {
        String id = submitted();
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("review").singleResult();
        assertThat(task).as("review task of %s", id).isNotNull();
        return task.getId();
    }

    String claimedReviewTask() {
        String taskId = reviewTask();
        tasks.claim(taskId, "reviewer");
        return taskId;
    }

    /** /engine-rest completes only claimed tasks in Tasklist's way: the role claims it first when it may. */
    String claimed(String taskId, Role role) {
        if (role.user != null) {
            api(role, "POST", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + role.user + "\"}");
        }
        return taskId;
    }

    String changesRequested() {
        String taskId = reviewTask();
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        String postId = tasks.createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();
        tasks.claim(taskId, "reviewer");
        identity.setAuthentication("reviewer", List.of(Groups.REVIEWERS));
        try {
            tasks.complete(taskId, Map.of("decision", "changes", "comment", "Matrix wants changes"));
        } finally {
            identity.clearAuthentication();
        }
        Task revision = tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
        assertThat(revision).as("revision task of %s", postId).isNotNull();
        return tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).singleResult() == null ? null
                : runtimeBusinessKey(task.getProcessInstanceId());
    }

    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    private String runtimeBusinessKey(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getBusinessKey();
    }

    // ---- fixtures: an asset uploaded by creator2 and a saved reply of the creators team by creator2

    @Autowired
    io.greenlight.asset.AssetService assetService;

    @Autowired
    io.greenlight.reply.SavedReplies savedReplies;

    static final CurrentUser FIXTURE_AUTHOR = new CurrentUser("creator2", Set.of(Groups.CREATORS));

    String asset() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, UUID.randomUUID().hashCode() & 0xffffff);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", png);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return String.valueOf(assetService.upload(FIXTURE_AUTHOR, "matrix.png", png.toByteArray(),
                new io.greenlight.asset.AssetService.Description("matrix", "matrix", null)).getId());
    }

    String reply() {
        return String.valueOf(savedReplies.create(FIXTURE_AUTHOR, new io.greenlight.reply.SavedReplies.Command(
                "matrix", "Hi {{name}}", Groups.CREATORS, "reply")).getId());
    }

    String throwawayUser() {
        String id = "tmp" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        User u = identity.newUser(id);
        u.setPassword(id);
        identity.saveUser(u);
        return id;
    }

    private static JsonNode json(LoopbackClient.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(r.body(), e);
        }
    }
}
