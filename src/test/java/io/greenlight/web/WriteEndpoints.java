package io.greenlight.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every write endpoint (POST/PUT/PATCH/DELETE on /api and the pages' forms) with a request that would be valid: the
 * user who may send it, real ids for its path, and its body or form. {@link HostileInputTest} turns each into hostile
 * variants (one field at a time) and compares this list with the endpoints Spring MVC knows, so a new write endpoint
 * without a row here fails the build. The valid requests themselves are never sent.
 */
final class WriteEndpoints {

    private WriteEndpoints() {
    }

    enum Kind { JSON, FORM, MULTIPART, NONE }

    /** Where the request goes: /api (Basic, problem details) or a page (session + CSRF, form errors). */
    record Target(String method, String pattern, Kind kind, String user, Map<String, String> path, String json,
                  Map<String, String> form, String file, String fileName) {

        String key() {
            return method + " " + pattern;
        }

        boolean page() {
            return !pattern.startsWith("/api/");
        }

        String concretePath() {
            return withPath(Map.of());
        }

        /** The pattern with the fixture ids, except those given. */
        String withPath(Map<String, String> replaced) {
            String p = pattern;
            for (Map.Entry<String, String> v : path.entrySet()) {
                p = p.replace("{" + v.getKey() + "}", replaced.getOrDefault(v.getKey(), v.getValue()));
            }
            return p;
        }
    }

    /** Real things the requests point at, made once per test run. */
    interface Fixtures {
        String draft();

        String reviewTask();

        String asset();

        String reply();

        String channel();

        String throwawayUser();

        /** An open conversation in the community inbox (on the local channel). */
        String conversation();

        /** A channel with an inbound-webhook secret; {@link HostileInputTest} signs each hostile body with it. */
        String webhookChannel();
    }

    static List<Target> all(Fixtures f) {
        List<Target> t = new ArrayList<>();
        String draft = f.draft();
        String task = f.reviewTask();
        String asset = f.asset();
        String reply = f.reply();
        String channel = f.channel();
        String someone = f.throwawayUser();
        String conversation = f.conversation();
        String webhook = f.webhookChannel();
        String post = """
                {"title":"Hostile post","campaign":"Hostile campaign","campaignType":"new","scheduledAt":"2030-06-01T09:00:00+02:00",
                 "timeZone":"Europe/Berlin","region":"EU","paidPromotion":false,"variants":[{"channel":"local","text":"Hello","link":"https://example.com/a"}]}""";
        // ---- /api ----
        t.add(json("POST", "/api/posts", "creator", Map.of(), post));
        t.add(json("PUT", "/api/posts/{id}", "creator", Map.of("id", draft), post));
        t.add(none("POST", "/api/posts/{id}/submit", "creator", Map.of("id", draft)));
        t.add(none("POST", "/api/posts/{id}/withdraw", "creator", Map.of("id", draft)));
        t.add(json("PUT", "/api/campaigns", "creator", Map.of(), """
                {"name":"Hostile plan","type":"new","goal":"More riders","startsOn":"2030-01-01","endsOn":"2030-01-31","owner":"creator"}"""));
        t.add(json("POST", "/api/channels", "manager", Map.of(), """
                {"key":"hostile-new","name":"Hostile","network":"local","baseUrl":"https://example.com","account":"brand","credentials":"token"}"""));
        t.add(json("POST", "/api/channels/count", "creator", Map.of(), """
                {"text":"Hello","link":"https://example.com/a","channels":["local"]}"""));
        t.add(json("POST", "/api/channels/count", "creator", Map.of(), """
                {"variants":[{"channel":"local","text":"Hi","link":"https://example.com/b"}]}"""));
        t.add(json("PATCH", "/api/channels/{key}", "manager", Map.of("key", channel), """
                {"name":"Hostile fixture","baseUrl":"https://example.com","account":"brand","enabled":true}"""));
        t.add(json("PUT", "/api/channels/{key}/credentials", "manager", Map.of("key", channel), "{\"credentials\":\"new-token\"}"));
        t.add(json("PUT", "/api/channels/{key}/draft-groups", "manager", Map.of("key", channel), "{\"groups\":[\"creators\"]}"));
        t.add(none("POST", "/api/notifications/read", "creator", Map.of()));
        t.add(json("PUT", "/api/me/settings", "creator", Map.of(), """
                {"timeZone":"Europe/Berlin","preferences":{"mention":{"email":true}}}"""));
        t.add(json("POST", "/api/users/{userId}/absences", "creator2", Map.of("userId", "creator2"), """
                {"backup":"admin","from":"2040-01-01T09:00:00Z","to":"2040-01-02T09:00:00Z","note":"Holiday"}"""));
        t.add(none("POST", "/api/users/{userId}/deactivate", "admin", Map.of("userId", someone)));
        t.add(none("POST", "/api/tasks/{id}/claim", "reviewer", Map.of("id", task)));
        t.add(none("POST", "/api/tasks/{id}/unclaim", "reviewer", Map.of("id", task)));
        t.add(json("POST", "/api/tasks/{id}/complete", "reviewer", Map.of("id", task), "{\"decision\":\"changes\",\"comment\":\"Please fix\"}"));
        t.add(json("POST", "/api/tasks/{id}/form", "reviewer", Map.of("id", task),
                "{\"variables\":{\"decision\":\"changes\",\"comment\":\"Please fix\"}}"));
        t.add(json("POST", "/api/compose/check", "creator", Map.of(), """
                {"postId":"%s","variants":[{"channel":"local","text":"Hello","link":"https://example.com/a","assetIds":[%s]}]}"""
                .formatted(draft, asset)));
        t.add(json("POST", "/api/compose/link-check", "creator", Map.of(), "{\"url\":\"https://127.0.0.1:9/a\"}"));
        t.add(json("POST", "/api/replies", "creator2", Map.of(), """
                {"title":"Hostile reply","body":"Hi {{name}}","team":"creators","kind":"reply"}"""));
        t.add(json("POST", "/api/replies/{id}/render", "creator2", Map.of("id", reply), "{\"values\":{\"name\":\"Ana\"}}"));
        t.add(json("POST", "/api/posts/{id}/recall", "creator", Map.of("id", draft), "{\"reason\":\"Wrong price\"}"));
        t.add(json("POST", "/api/publishing/pause", "manager", Map.of(), "{\"reason\":\"Crisis\"}"));
        t.add(json("POST", "/api/publishing/resume", "manager", Map.of(), "{\"mode\":\"review\"}"));
        t.add(none("POST", "/api/posts/{id}/external-reviews/{linkId}/revoke", "manager", Map.of("id", draft, "linkId", "1")));
        t.add(none("POST", "/api/posts/{id}/external-reviews/{linkId}/resend", "manager", Map.of("id", draft, "linkId", "1")));
        t.add(json("POST", "/api/posts/{id}/reschedule", "creator", Map.of("id", draft), "{\"scheduledAt\":\"2030-01-01T09:00:00Z\"}"));
        t.add(json("POST", "/api/posts/{id}/repeat", "creator", Map.of("id", draft), "{\"every\":1,\"unit\":\"weeks\",\"until\":\"2030-01-01\"}"));
        t.add(json("POST", "/api/calendar/approvals", "reviewer", Map.of(), """
                {"taskIds":["%s"],"comment":"Fine","from":"2030-01-01","to":"2030-01-07"}""".formatted(task)));
        t.add(json("POST", "/api/posts/{postId}/comments", "creator", Map.of("postId", draft), "{\"body\":\"Hello @creator2\"}"));
        t.add(multipart("/api/assets", "creator", Map.of(), form("altText", "A bike", "tags", "bikes", "expiresOn", "2031-01-01"),
                "bike.png", "PNG"));
        t.add(json("PUT", "/api/assets/{id}", "creator2", Map.of("id", asset), """
                {"altText":"A bike","tags":["bikes"],"expiresOn":"2031-01-01"}"""));
        t.add(json("POST", "/api/inbound/{channel}", null, Map.of("channel", webhook), """
                {"id":"hostile-1","author":"fan","text":"Is the shop open on Sunday?","followers":12}"""));
        t.add(none("POST", "/api/community/channels/{channel}/webhook-secret", "manager", Map.of("channel", channel)));
        // ---- pages ----
        t.add(page("POST", "/feed/comments", null, Map.of(), form("postId", draft, "key", "local", "name", "Jonas",
                "text", "Does the sale include shoes?")));
        t.add(pageNone("/community/{id}/claim", "manager", Map.of("id", conversation)));
        t.add(page("POST", "/community/{id}/reply", "manager", Map.of("id", conversation), form("text", "Yes, shoes too!")));
        t.add(pageNone("/community/{id}/no-reply", "manager", Map.of("id", conversation)));
        t.add(page("POST", "/community/{id}/decide", "manager", Map.of("id", conversation), form("decision", "changes",
                "comment", "Friendlier, please")));
        t.add(page("POST", "/community/{id}/notes", "manager", Map.of("id", conversation), form("text", "Ask @cody")));
        Map<String, String> postForm = form("title", "Hostile post", "campaign", "Hostile campaign", "region", "EU",
                "scheduledAt", "2030-06-01T09:00", "timeZone", "Europe/Berlin", "variants[0].channel", "local",
                "variants[0].enabled", "true", "variants[0].text", "Hello", "variants[0].link", "https://example.com/a");
        t.add(page("POST", "/campaigns", "creator", Map.of(), form("name", "Hostile plan", "type", "new", "goal", "More riders",
                "startsOn", "2030-01-01", "endsOn", "2030-01-31", "owner", "creator")));
        t.add(page("POST", "/posts", "creator", Map.of(), postForm));
        t.add(page("POST", "/posts/{id}", "creator", Map.of("id", draft), postForm));
        t.add(pageNone("/posts/{id}/submit", "creator", Map.of("id", draft)));
        t.add(pageNone("/posts/{id}/withdraw", "creator", Map.of("id", draft)));
        t.add(pageNone("/posts/{id}/resubmit", "creator", Map.of("id", draft)));
        t.add(multipart("/posts/import", "creator", Map.of(), form("submit", "false"), "posts.csv",
                "title,campaign,scheduled_at,time_zone,text:local,link:local\nHostile CSV,CSV campaign,2030-06-01 09:00,Europe/Berlin,Hello,https://example.com/a\n"));
        t.add(page("POST", "/channels", "manager", Map.of(), form("key", "hostile-page", "name", "Hostile", "network", "local",
                "baseUrl", "https://example.com", "account", "brand", "credentials", "token")));
        t.add(page("POST", "/channels/{key}", "manager", Map.of("key", channel), form("name", "Hostile fixture",
                "baseUrl", "https://example.com", "account", "brand", "enabled", "true")));
        t.add(page("POST", "/channels/{key}/credentials", "manager", Map.of("key", channel), form("credentials", "new-token")));
        t.add(page("POST", "/settings/preferences", "creator", Map.of(), form("on", "mention/email", "timeZone", "Europe/Berlin")));
        t.add(page("POST", "/settings/absence", "creator", Map.of(), form("backup", "manager", "from", "2040-02-01T09:00",
                "to", "2040-02-02T09:00", "note", "Holiday")));
        t.add(pageNone("/settings/absence/{id}/end", "creator", Map.of("id", "987654321")));
        t.add(page("POST", "/invite/{userId}/{token}", null, Map.of("userId", someone, "token", "not-a-token"),
                form("password", "long enough secret", "confirm", "long enough secret")));
        t.add(page("POST", "/admin/people", "manager", Map.of(), form("id", "hostileperson", "firstName", "Hostile",
                "lastName", "Person", "email", "hostile@example.com", "groups", "creators", "password", "long enough secret 1",
                "invite", "false")));
        t.add(page("POST", "/admin/people/{userId}/groups", "manager", Map.of("userId", someone), form("groups", "creators")));
        t.add(page("POST", "/admin/groups/{group}/members", "manager", Map.of("group", "creators"), form("userId", someone)));
        t.add(page("POST", "/admin/people/{userId}/absence", "manager", Map.of("userId", "creator2"), form("backup", "admin",
                "from", "2040-03-01T09:00", "to", "2040-03-02T09:00", "note", "Holiday")));
        t.add(pageNone("/admin/people/{userId}/deactivate", "admin", Map.of("userId", someone)));
        t.add(page("POST", "/admin/people/{userId}/reactivate", "admin", Map.of("userId", someone), form("password", "long enough secret 1")));
        t.add(page("POST", "/admin/teams/{group}", "manager", Map.of("group", "creators"), form("timeZone", "Europe/Berlin",
                "workingHours", "true", "workStart", "09:00", "workEnd", "17:00", "workDays", "MON,TUE")));
        t.add(page("POST", "/processes/{key}/migrate", "admin", Map.of("key", "post-approval"), form("from", "1")));
        t.add(multipart("/assets", "creator", Map.of(), form("altText", "A bike", "tags", "bikes", "expiresOn", "2031-01-01"),
                "bike.png", "PNG"));
        t.add(page("POST", "/assets/{id}", "creator2", Map.of("id", asset), form("altText", "A bike", "tags", "bikes",
                "expiresOn", "2031-01-01")));
        t.add(pageNone("/inbox/{taskId}/claim", "reviewer", Map.of("taskId", task)));
        t.add(pageNone("/inbox/{taskId}/unclaim", "reviewer", Map.of("taskId", task)));
        t.add(page("POST", "/inbox/{taskId}/complete", "reviewer", Map.of("taskId", task), form("decision", "changes", "comment", "Please fix")));
        t.add(page("POST", "/review/{taskId}/decide", "reviewer", Map.of("taskId", task), form("decision", "changes", "comment", "Please fix")));
        Map<String, String> replyForm = form("title", "Hostile reply", "body", "Hi {{name}}", "team", "creators", "kind", "reply");
        t.add(page("POST", "/replies", "creator2", Map.of(), replyForm));
        t.add(page("POST", "/replies/{id}", "creator2", Map.of("id", reply), replyForm));
        t.add(pageNone("/replies/{id}/delete", "creator2", Map.of("id", reply)));
        t.add(page("POST", "/posts/{id}/recall", "creator", Map.of("id", draft), form("reason", "Wrong price")));
        t.add(page("POST", "/publishing/pause", "manager", Map.of(), form("reason", "Crisis")));
        t.add(page("POST", "/publishing/resume", "manager", Map.of(), form("mode", "review")));
        t.add(page("POST", "/external/review/{token}", null, Map.of("token", "not-a-token"), form("decision", "approve",
                "comment", "Fine", "contentHash", "abc")));
        t.add(pageNone("/posts/{id}/external-reviews/{linkId}/revoke", "manager", Map.of("id", draft, "linkId", "1")));
        t.add(pageNone("/posts/{id}/external-reviews/{linkId}/resend", "manager", Map.of("id", draft, "linkId", "1")));
        t.add(page("POST", "/calendar/move", "creator", Map.of(), form("postId", draft, "date", "2030-01-01", "time", "09:00",
                "zone", "Europe/Berlin", "view", "week", "channel", "local", "campaign", "Hostile campaign", "region", "EU",
                "author", "creator")));
        t.add(page("POST", "/calendar/approvals", "reviewer", Map.of(), form("taskId", task, "comment", "Fine",
                "from", "2030-01-01", "to", "2030-01-07", "zone", "Europe/Berlin")));
        t.add(page("POST", "/calendar/repeat/{postId}", "creator", Map.of("postId", draft), form("every", "1", "unit", "WEEKS",
                "until", "2030-01-01")));
        t.add(page("POST", "/insights/subscription", "manager", Map.of(), form("subscribe", "false")));
        t.add(page("POST", "/posts/{id}/link-tracking", "creator", Map.of("id", draft), form("track", "false")));
        t.add(page("POST", "/posts/{postId}/comments", "creator", Map.of("postId", draft), form("body", "Hello", "parentId", "987654321")));
        return t;
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Target json(String method, String pattern, String user, Map<String, String> path, String body) {
        return new Target(method, pattern, Kind.JSON, user, path, body.strip(), Map.of(), null, null);
    }

    private static Target none(String method, String pattern, String user, Map<String, String> path) {
        return new Target(method, pattern, Kind.NONE, user, path, null, Map.of(), null, null);
    }

    private static Target page(String method, String pattern, String user, Map<String, String> path, Map<String, String> form) {
        return new Target(method, pattern, Kind.FORM, user, path, null, form, null, null);
    }

    private static Target pageNone(String pattern, String user, Map<String, String> path) {
        return new Target("POST", pattern, Kind.NONE, user, path, null, Map.of(), null, null);
    }

    private static Target multipart(String pattern, String user, Map<String, String> path, Map<String, String> fields,
                                    String fileName, String file) {
        return new Target("POST", pattern, Kind.MULTIPART, user, path, null, fields, file, fileName);
    }
}
