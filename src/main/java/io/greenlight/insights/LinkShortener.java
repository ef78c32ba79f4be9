package io.greenlight.insights;

import io.greenlight.channel.ContentRules;
import io.greenlight.post.PostVariant;
import io.greenlight.web.PublicAddress;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publishing hook for click tracking: before a variant goes to its network, every http(s) link in its text and its
 * link field is replaced by {@code <greenlight.base-url>/r/{code}}, so Greenlight counts clicks per channel itself.
 * Posts that opted out ({@link LinkTracking}), links already pointing at Greenlight, and every link while
 * {@code greenlight.base-url} is no public address ({@link PublicAddress}) are left as written.
 * {@code publishPost} calls {@link #rewrite}; the approved content itself is never changed.
 */
@Component
public class LinkShortener {

    /** A URL up to whitespace or a closing quote/bracket; trailing punctuation stays outside. */
    static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')\\]]+[^\\s<>\"')\\].,;:!?]");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LinkShortener.class);

    private final ShortLinks links;
    private final LinkTracking tracking;
    private final ContentRules rules;
    private final PublicAddress address;

    public LinkShortener(ShortLinks links, LinkTracking tracking, ContentRules rules, PublicAddress address) {
        this.links = links;
        this.tracking = tracking;
        this.rules = rules;
        this.address = address;
    }

    /** The variant as its network should receive it: links rewritten, or the variant itself when nothing changes. */
    public PostVariant forPublishing(String postId, PostVariant variant) {
        String text = rewrite(postId, variant.getChannel(), variant.getText());
        String link = rewrite(postId, variant.getChannel(), variant.getLink());
        if (java.util.Objects.equals(text, variant.getText()) && java.util.Objects.equals(link, variant.getLink())) {
            return variant;
        }
        // The approved text fits its network; a short link longer than the URL it replaces (a long base URL, a
        // network that counts every character of a link) could push it over. Then the approved text goes out as is.
        int before = rules.check(variant.getChannel(), variant.getText(), variant.getLink()).size();
        if (rules.check(variant.getChannel(), text, link).size() > before) {
            LOG.info("Post {} on {}: tracked links would break the network's limits; sending the approved links",
                    postId, variant.getChannel());
            return variant;
        }
        return variant.sentAs(text, link);
    }

    /** The text with its links rewritten, or the text itself when the post opted out. */
    public String rewrite(String postId, String channel, String text) {
        if (text == null || text.isEmpty() || shortLinkBase(postId).isEmpty()) {
            return text;
        }
        String baseUrl = address.base().orElseThrow();
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = m.group();
            String replacement = url.startsWith(baseUrl + "/") ? url : shortUrl(postId, channel, url);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The start of the short links that replace the post's links ({@code https://greenlight.example/r/}), or empty when
     * they go out as written: the post opted out, or there is no public address.
     */
    public Optional<String> shortLinkBase(String postId) {
        return address.base().filter(base -> !tracking.isOptedOut(postId)).map(base -> base + "/r/");
    }

    private String shortUrl(String postId, String channel, String url) {
        return address.link("/r/" + links.codeFor(postId, channel, url));
    }
}
