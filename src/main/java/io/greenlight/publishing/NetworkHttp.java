package io.greenlight.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.channel.Channel;
import io.greenlight.engine.HttpClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Spring {@link RestClient}s for the connectors (built by {@link HttpClients}; {@code greenlight.publishing.connect-timeout}
 * and {@code read-timeout} override the {@code greenlight.http.*} ones for the networks), and the translation of HTTP
 * outcomes into {@link PublishException} kinds.
 */
@Component
public class NetworkHttp {

    private final HttpClients.Options options;
    private final ObjectMapper json = new ObjectMapper();

    public NetworkHttp(HttpClients clients,
                       @Value("${greenlight.publishing.connect-timeout:#{null}}") Duration connectTimeout,
                       @Value("${greenlight.publishing.read-timeout:#{null}}") Duration readTimeout) {
        this.options = clients.options().withConnectTimeout(connectTimeout).withReadTimeout(readTimeout);
    }

    public RestClient client(String baseUrl) {
        return options.client(baseUrl);
    }

    public static String stripSlash(String url) {
        return HttpClients.stripSlash(url);
    }

    /** The channel's base URL when set (its own server, a test stub), else {@code api}. */
    public static String baseUrlOr(Channel channel, String api) {
        String base = channel.getBaseUrl();
        return api == null || (base != null && !base.isBlank()) ? base : api;
    }

    /** Whether the network answered that the post is not there (404), e.g. when deleting it again. */
    public static boolean gone(RuntimeException e) {
        return e instanceof RestClientResponseException r && r.getStatusCode().value() == 404;
    }

    /** An attachment as a multipart file part (its bytes under its file name). */
    public static Resource filePart(MediaAttachment attachment) {
        return new ByteArrayResource(attachment.bytes()) {
            @Override
            public String getFilename() {
                return attachment.fileName();
            }
        };
    }

    /** An attachment's content type, {@code application/octet-stream} when unknown. */
    public static MediaType mediaType(MediaAttachment attachment) {
        return MediaType.parseMediaType(attachment.mimeType() == null ? "application/octet-stream" : attachment.mimeType());
    }

    /**
     * What a failed call means. {@code sent} = the request may have reached the network (a POST that creates).
     *
     * @param what e.g. "Mastodon channel 'brand-masto'"
     */
    public PublishException translate(String what, RuntimeException e, boolean sent) {
        if (e instanceof PublishException p) {
            return p;
        }
        if (e instanceof RestClientResponseException r) {
            HttpStatusCode status = r.getStatusCode();
            String detail = status.value() + " " + errorText(r.getResponseBodyAsString());
            if (status.value() == 429) {
                return PublishException.retry(what + " is rate-limited: " + detail,
                        retryAfter(r.getResponseHeaders() == null ? null : r.getResponseHeaders().getFirst("Retry-After")));
            }
            if (status.value() == 401 || status.value() == 403) {
                return PublishException.rejected(what + " refused the credentials (expired or revoked token?): " + detail);
            }
            if (sent && (status.value() == 502 || status.value() == 504)) {
                return PublishException.unknown(what + " answered " + detail + " after the post was sent; it may be out", e);
            }
            if (status.is5xxServerError()) {
                return PublishException.retry(what + " failed: " + detail, null);
            }
            return PublishException.rejected(what + " rejected the post: " + detail);
        }
        if (e instanceof ResourceAccessException) {
            Throwable cause = e.getCause();
            boolean connectFailure = has(e, HttpConnectTimeoutException.class) || has(e, ConnectException.class);
            if (!connectFailure && sent && has(e, HttpTimeoutException.class)) {
                return PublishException.unknown(what + " did not answer in time after the post was sent; it may be out", e);
            }
            if (!connectFailure && sent) {
                return PublishException.unknown(what + ": the connection broke after the post was sent ("
                        + (cause == null ? e.getMessage() : cause.getMessage()) + ")", e);
            }
            return PublishException.retry(what + " cannot be reached: " + (cause == null ? e.getMessage() : cause), null);
        }
        return PublishException.retry(what + " failed: " + e.getMessage(), null);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Mastodon answers {"error": "..."}, AT Protocol {"error": "...", "message": "..."}, LinkedIn {"message": "...",
     * "status": 422}, the Graph API (Facebook) {"error": {"message": "...", "code": 190}}, X problem details
     * {"title": "...", "detail": "...", "errors": [{"message": "..."}]}.
     */
    public String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "(no details)";
        }
        try {
            JsonNode node = json.readTree(body);
            if (node.path("error").isObject()) {
                JsonNode graph = node.path("error");
                String code = graph.path("code").isMissingNode() ? "" : " (code " + graph.path("code").asText() + ")";
                return (graph.path("message").asText("") + code).trim();
            }
            String error = node.path("error").asText("");
            String message = node.path("message").asText("");
            String text = (error + (message.isEmpty() ? "" : (error.isEmpty() ? "" : ": ") + message)).trim();
            if (text.isEmpty()) {
                String detail = node.path("detail").asText("");
                String first = node.path("errors").path(0).path("message").asText("");
                text = (node.path("title").asText("") + (detail.isEmpty() ? "" : ": " + detail)
                        + (first.isEmpty() || first.equals(detail) ? "" : " (" + first + ")")).trim();
                if (text.startsWith(": ")) {
                    text = text.substring(2);
                }
            }
            if (!text.isEmpty()) {
                return text;
            }
        } catch (Exception ignored) {
            // not JSON
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }

    /** Retry-After is seconds or an HTTP date (RFC 9110). */
    public static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(io.greenlight.engine.EngineClock.now().toInstant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
