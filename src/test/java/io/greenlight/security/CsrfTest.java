package io.greenlight.security;

import io.greenlight.testing.Http;
import io.greenlight.testing.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser session may call /api only with the session's CSRF token; Basic calls need none. */
class CsrfTest extends ApiTestSupport {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    @Test
    void sessionCallsNeedTheCsrfTokenBasicCallsDoNot() {
        // the sign-in page hands out a session and its token
        Http.Response loginPage = http.raw(HttpMethod.GET, "/login", null, Map.of()).expect(200);
        String anonymousSession = sessionCookie(loginPage);
        String loginToken = csrfToken(loginPage);

        // signing in without the token is refused
        Http.Response noToken = http.raw(HttpMethod.POST, "/login", form(Map.of("username", CREATOR, "password", CREATOR)),
                Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE, HttpHeaders.COOKIE, anonymousSession));
        assertThat(noToken.status()).isEqualTo(403);

        Http.Response signedIn = http.raw(HttpMethod.POST, "/login",
                form(Map.of("username", CREATOR, "password", CREATOR, "_csrf", loginToken)),
                Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE, HttpHeaders.COOKIE, anonymousSession))
                .expect(302);
        assertThat(signedIn.headers().getLocation().getPath()).as("signed in, not sent back to /login?error").isEqualTo("/");
        assertThat(signedIn.headers().getLocation().getQuery()).isNull();
        // the session id changes at sign-in (no fixation)
        String session = sessionCookie(signedIn);
        assertThat(session).isNotEqualTo(anonymousSession);

        // the token changes at sign-in too: read the new one from a page of the signed-in session
        String token = csrfToken(followRedirects(signedIn, session));
        assertThat(token).isNotEqualTo(loginToken);

        String title = unique("Session post");
        long before = total();

        // session cookie only: refused, and nothing is stored
        Http.Response refused = http.raw(HttpMethod.POST, "/api/posts", postBody(title, "via the session"),
                Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE, HttpHeaders.COOKIE, session))
                .expectProblem(403);
        assertThat(refused.detail()).contains("security token");
        http.raw(HttpMethod.POST, "/api/posts", postBody(title, "via the session"),
                Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE, HttpHeaders.COOKIE, session,
                        "X-CSRF-TOKEN", "not-the-token")).expectProblem(403);
        // the pre-sign-in token is no longer valid
        http.raw(HttpMethod.POST, "/api/posts", postBody(title, "via the session"),
                Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE, HttpHeaders.COOKIE, session,
                        "X-CSRF-TOKEN", loginToken)).expectProblem(403);
        assertThat(total()).isEqualTo(before);

        // reading needs no token
        http.raw(HttpMethod.GET, "/api/posts?size=1", null, Map.of(HttpHeaders.COOKIE, session)).expect(200);

        // session cookie + token header: accepted, as the signed-in user
        Http.Response created = http.raw(HttpMethod.POST, "/api/posts", postBody(title, "via the session"),
                Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE, HttpHeaders.COOKIE, session,
                        "X-CSRF-TOKEN", token)).expect(201);
        JsonNode post = created.json();
        assertThat(post.path("author").asText()).isEqualTo(CREATOR);
        assertThat(post.path("title").asText()).isEqualTo(title);
        assertThat(total()).isEqualTo(before + 1);

        // Basic calls need no token
        createPost(CREATOR2, unique("Basic post"), "no token needed");

        // /engine-rest is Basic only: the session is worth nothing there
        http.raw(HttpMethod.GET, "/engine-rest/task", null, Map.of(HttpHeaders.COOKIE, session)).expect(401);
    }

    private long total() {
        return http.get(ADMIN, "/api/posts?size=1").expect(200).json().path("total").asLong();
    }

    /** Follows the sign-in redirect (/ → the start page) with the session, returning the page. */
    private Http.Response followRedirects(Http.Response response, String session) {
        Http.Response current = response;
        for (int hop = 0; hop < 5 && current.status() == 302; hop++) {
            java.net.URI target = current.headers().getLocation();
            String location = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            current = http.raw(HttpMethod.GET, location, null, Map.of(HttpHeaders.COOKIE, session));
        }
        return current.expect(200);
    }

    private static String sessionCookie(Http.Response response) {
        List<String> cookies = response.headers().getOrEmpty(HttpHeaders.SET_COOKIE);
        return cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new AssertionError(response.call() + " set no session cookie: " + cookies));
    }

    private static String csrfToken(Http.Response page) {
        Matcher m = CSRF_INPUT.matcher(page.body());
        assertThat(m.find()).as("%s has a _csrf hidden input", page.call()).isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String form(Map<String, String> fields) {
        Map<String, String> copy = new HashMap<>(fields);
        StringBuilder sb = new StringBuilder();
        copy.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
