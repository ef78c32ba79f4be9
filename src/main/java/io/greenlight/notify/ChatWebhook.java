package io.greenlight.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.greenlight.engine.HttpClients;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts to a Slack-compatible incoming webhook: {@code {"text": …, "blocks": [section (mrkdwn), context]}}. Slack,
 * Mattermost, Rocket.Chat and Microsoft Teams' Slack-compatible endpoints take this payload; {@code text} is the
 * fallback shown in notifications.
 */
@Component
public class ChatWebhook {

    /** A chat webhook answers quickly or not at all. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json;
    private final RestClient http;

    public ChatWebhook(ObjectMapper json, HttpClients clients) {
        this.json = json;
        this.http = clients.options().withReadTimeout(READ_TIMEOUT).preferringHttp2().client();
    }

    /** The JSON body for a message with a title line, the text and a link. */
    public String payload(String title, String text, String link) {
        ObjectNode root = json.createObjectNode();
        boolean titled = text.regionMatches(true, 0, title, 0, title.length());
        root.put("text", (titled ? text : title + ": " + text) + (link == null ? "" : " " + link));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode body = section.putObject("text");
        body.put("type", "mrkdwn");
        body.put("text", "*" + escape(title) + "*\n" + escape(text) + (link == null ? "" : "\n<" + link + "|Open in Greenlight>"));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode element = context.putArray("elements").addObject();
        element.put("type", "mrkdwn");
        element.put("text", "Greenlight");
        return root.toString();
    }

    /** Sends; throws when the webhook does not answer 2xx. */
    public void post(String url, String payload) {
        try {
            http.post().uri(URI.create(url)).contentType(MediaType.APPLICATION_JSON).body(payload)
                    .exchange((request, response) -> {
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new IllegalStateException("The chat webhook answered " + response.getStatusCode().value()
                                    + ": " + abbreviate(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
                        }
                        return null;
                    });
        } catch (ResourceAccessException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("The chat webhook cannot be reached: " + cause.getMessage(), e);
        }
    }

    /** Slack's mrkdwn needs &, < and > escaped. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
