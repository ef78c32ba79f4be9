package io.greenlight.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts to a Slack-compatible incoming webhook: {@code {"text": …, "blocks": [section (mrkdwn), context]}}. Slack,
 * Mattermost, Rocket.Chat and Microsoft Teams' Slack-compatible endpoints take this payload; {@code text} is the
 * fallback shown in notifications.
 */
@Component
public class ChatWebhook {

    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public ChatWebhook(ObjectMapper json) {
        this.json = json;
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("The chat webhook answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("The chat webhook cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the chat webhook", e);
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
