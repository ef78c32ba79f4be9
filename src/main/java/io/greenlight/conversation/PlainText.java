package io.greenlight.conversation;

import org.springframework.web.util.HtmlUtils;

/** Mastodon sends a status's content as HTML; the inbox keeps it as text (paragraphs and line breaks kept). */
final class PlainText {

    private PlainText() {
    }

    static String ofHtml(String html) {
        if (html == null) {
            return "";
        }
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>\\s*<p[^>]*>", "\n\n")
                .replaceAll("<[^>]*>", "");
        return HtmlUtils.htmlUnescape(text).replace("\u0000", "").strip();
    }
}
