package io.greenlight.publishing.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.PublishException;
import org.springframework.web.client.RestClientResponseException;

import java.time.Duration;
import java.util.Set;

/**
 * What an error of Meta's Graph API means (Instagram through graph.facebook.com, Threads through graph.threads.net).
 * Errors are {@code {"error": {"message", "type", "code", "error_subcode", "is_transient", "fbtrace_id"}}}, and the code
 * says more than the HTTP status: an expired or revoked token is a 400 with code 190 ({@code OAuthException}) or 102,
 * which is refused for good at once (an incident, like a 401); codes 4, 9, 17, 32 and 613 are rate limits; 9007 is
 * "the media is not ready to be published"; an error marked {@code is_transient} is retried.
 */
public final class GraphErrors {

    static final Set<Integer> TOKEN_CODES = Set.of(190, 102);
    static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 9, 17, 32, 613);
    static final int MEDIA_NOT_READY = 9007;

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphErrors() {
    }

    /** The failure as a {@link PublishException}; {@code sent}: the call may have published the post. */
    public static PublishException translate(NetworkHttp http, String what, RuntimeException e, boolean sent) {
        if (e instanceof RestClientResponseException r && r.getStatusCode().is4xxClientError()) {
            JsonNode error = error(r.getResponseBodyAsString());
            int code = error.path("code").asInt(-1);
            String detail = r.getStatusCode().value() + " " + http.errorText(r.getResponseBodyAsString());
            if (TOKEN_CODES.contains(code)) {
                return PublishException.rejected(what + " refused the credentials (expired or revoked token?): " + detail
                        + ". Reconnect the account on the channels page, then retry.");
            }
            if (RATE_LIMIT_CODES.contains(code)) {
                return PublishException.retry(what + " is rate-limited: " + detail,
                        NetworkHttp.retryAfter(r.getResponseHeaders() == null ? null : r.getResponseHeaders().getFirst("Retry-After")));
            }
            if (code == MEDIA_NOT_READY) {
                return PublishException.retry(what + ": the media is not ready to be published yet: " + detail,
                        Duration.ofMinutes(1));
            }
            if (error.path("is_transient").asBoolean(false)) {
                return PublishException.retry(what + " failed for now: " + detail, null);
            }
        }
        return http.translate(what, e, sent);
    }

    /** Whether the network refused the token (so nothing else will work until the account is reconnected). */
    public static boolean refusedToken(RuntimeException e) {
        if (!(e instanceof RestClientResponseException r)) {
            return false;
        }
        int status = r.getStatusCode().value();
        return status == 401 || status == 403 || TOKEN_CODES.contains(error(r.getResponseBodyAsString()).path("code").asInt(-1));
    }

    /** The Graph API's error code, -1 when the answer has none. */
    public static int code(RuntimeException e) {
        return e instanceof RestClientResponseException r ? error(r.getResponseBodyAsString()).path("code").asInt(-1) : -1;
    }

    private static JsonNode error(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body).path("error");
        } catch (Exception ex) {
            return JSON.missingNode();
        }
    }
}
