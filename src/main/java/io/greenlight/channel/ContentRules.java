package io.greenlight.channel;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a channel's text against the rules of its network (one table, {@code network_rule}).
 * Used by the API and pages when a post is saved and by the {@code validatePost} step of the diagram.
 */
@Service
@Transactional(readOnly = true)
public class ContentRules {

    static final Pattern URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#[\\p{L}\\p{N}_]+");

    private final ChannelRepository channels;
    private final NetworkRuleRepository rules;

    public ContentRules(ChannelRepository channels, NetworkRuleRepository rules) {
        this.channels = channels;
        this.rules = rules;
    }

    public Optional<ChannelLimits> limitsOf(String channelKey) {
        return channels.findById(channelKey).flatMap(this::limitsOf);
    }

    public Optional<ChannelLimits> limitsOf(Channel channel) {
        return rules.findById(channel.getNetwork()).map(rule -> new ChannelLimits(
                rule.getCountUnit().name(),
                channel.getMaxLength() != null ? channel.getMaxLength() : rule.getMaxLength(),
                rule.getMaxLinks(), rule.getMaxHashtags(), rule.getUrlLength(), rule.getMaxBytes()));
    }

    /** Counts the text the way the channel's network does. */
    public int count(String channelKey, String text) {
        return channels.findById(channelKey)
                .flatMap(c -> rules.findById(c.getNetwork()))
                .map(rule -> rule.count(text))
                .orElse(CountUnit.GRAPHEMES.count(text));
    }

    /**
     * Counts the text as the network will receive it: with the link appended where the connector appends it
     * (Mastodon, Bluesky, X, LinkedIn, Instagram, Threads), which is what {@link #check} measures against the limit.
     */
    public int count(String channelKey, String text, String link) {
        return channels.findById(channelKey)
                .flatMap(c -> rules.findById(c.getNetwork()))
                .map(rule -> rule.count(asSent(rule.getNetwork(), text, link)))
                .orElse(CountUnit.GRAPHEMES.count(text));
    }

    public List<Violation> check(String channelKey, String text, String link) {
        List<Violation> found = new ArrayList<>();
        Optional<Channel> channel = channels.findById(channelKey);
        if (channel.isEmpty()) {
            found.add(new Violation(channelKey, "channel", 0, 0,
                    "Unknown channel '" + channelKey + "'. GET /api/channels lists the channels you can use."));
            return found;
        }
        if (!channel.get().isEnabled()) {
            found.add(new Violation(channelKey, "channel", 0, 0,
                    "Channel '" + channelKey + "' is switched off and cannot publish."));
            return found;
        }
        NetworkRule rule = rules.findById(channel.get().getNetwork()).orElse(null);
        if (rule == null) {
            found.add(new Violation(channelKey, "network", 0, 0,
                    "Channel '" + channelKey + "' uses network " + channel.get().getNetwork() + ", which has no rules."));
            return found;
        }
        String body = text == null ? "" : text;
        if (body.isBlank()) {
            found.add(new Violation(channelKey, "text", 1, 0, "The text for '" + channelKey + "' is empty."));
        }
        String sent = asSent(rule.getNetwork(), body, link);
        int max = channel.get().getMaxLength() != null ? channel.get().getMaxLength() : rule.getMaxLength();
        int count = rule.count(sent);
        if (count > max) {
            found.add(new Violation(channelKey, "length", max, count, String.format(
                    "The text for '%s' is %,d %s long; %s allows %,d.",
                    channelKey, count, rule.getCountUnit().label(), channel.get().getName(), max)));
        }
        if (rule.getMaxBytes() != null) {
            int bytes = CountUnit.UTF8_BYTES.count(sent);
            if (bytes > rule.getMaxBytes()) {
                found.add(new Violation(channelKey, "bytes", rule.getMaxBytes(), bytes, String.format(
                        "The text for '%s' is %,d bytes long in UTF-8; %s allows %,d.",
                        channelKey, bytes, rule.getNetwork(), rule.getMaxBytes())));
            }
        }
        if (rule.getMaxLinks() != null) {
            int links = distinctLinks(sent, link);
            if (links > rule.getMaxLinks()) {
                found.add(new Violation(channelKey, "links", rule.getMaxLinks(), links, String.format(
                        "The post for '%s' has %d links; %s allows %d.", channelKey, links, rule.getNetwork(), rule.getMaxLinks())));
            }
        }
        if (rule.getMaxHashtags() != null) {
            int tags = countMatches(HASHTAG, body);
            if (tags > rule.getMaxHashtags()) {
                found.add(new Violation(channelKey, "hashtags", rule.getMaxHashtags(), tags, String.format(
                        "The text for '%s' has %d hashtags; %s allows %d.", channelKey, tags, rule.getNetwork(), rule.getMaxHashtags())));
            }
        }
        if (link != null && !link.isBlank() && !isWebLink(link)) {
            found.add(new Violation(channelKey, "link", 0, 0,
                    "The link for '" + channelKey + "' is not a web address (http:// or https://)."));
        }
        return found;
    }

    /**
     * Networks whose connector appends the link to the text (so it counts): the others send it separately. Instagram
     * shows a caption's link as plain text (not clickable), Threads makes it the post's link preview.
     */
    static final java.util.Set<String> LINK_IN_TEXT = java.util.Set.of("MASTODON", "BLUESKY", "X", "LINKEDIN",
            "INSTAGRAM", "THREADS");

    /** The text as the network receives it: with the link appended where the connector does so. */
    static String asSent(String network, String text, String link) {
        String body = text == null ? "" : text;
        if (!LINK_IN_TEXT.contains(network) || link == null || link.isBlank() || body.contains(link)) {
            return body;
        }
        return body + "\n\n" + link;
    }

    /**
     * One channel's live count for the composer and {@code POST /api/channels/count}: the unit the network counts in,
     * how much of the limit the text uses (as the network will receive it), and every rule it breaks.
     *
     * @param unit      e.g. {@code X_WEIGHTED}; {@code unitLabel} says it in words ("weighted characters")
     * @param bytes     UTF-8 bytes, only where the network also caps bytes ({@code maxBytes}), else null
     * @param hashtags  hashtags found, only where the network caps them ({@code maxHashtags}), else null
     */
    public record ChannelCount(String channel, String network, String unit, String unitLabel, int used, Integer limit,
                               Integer bytes, Integer maxBytes, Integer hashtags, Integer maxHashtags,
                               List<Violation> violations) {
    }

    public ChannelCount measure(String channelKey, String text, String link) {
        List<Violation> violations = check(channelKey, text, link);
        Optional<Channel> channel = channels.findById(channelKey);
        Optional<NetworkRule> rule = channel.flatMap(c -> rules.findById(c.getNetwork()));
        if (channel.isEmpty() || rule.isEmpty()) {
            return new ChannelCount(channelKey, channel.map(Channel::getNetwork).orElse(null), CountUnit.GRAPHEMES.name(),
                    CountUnit.GRAPHEMES.label(), CountUnit.GRAPHEMES.count(text), null, null, null, null, null, violations);
        }
        NetworkRule r = rule.get();
        String body = asSent(r.getNetwork(), text, link);
        Integer bytes = r.getMaxBytes() == null ? null : CountUnit.UTF8_BYTES.count(body);
        Integer tags = r.getMaxHashtags() == null ? null : countMatches(HASHTAG, text == null ? "" : text);
        int max = channel.get().getMaxLength() != null ? channel.get().getMaxLength() : r.getMaxLength();
        return new ChannelCount(channelKey, r.getNetwork(), r.getCountUnit().name(), r.getCountUnit().label(),
                r.count(body), max, bytes, r.getMaxBytes(), tags, r.getMaxHashtags(), violations);
    }

    static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (Exception e) {
            return false;
        }
    }

    /** Links the way Threads counts them: every distinct URL in the text, and the link when it is not one of them. */
    static int distinctLinks(String text, String link) {
        java.util.Set<String> urls = new java.util.HashSet<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            urls.add(m.group());
        }
        if (link != null && !link.isBlank()) {
            urls.add(link.strip());
        }
        return urls.size();
    }

    private static int countMatches(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
