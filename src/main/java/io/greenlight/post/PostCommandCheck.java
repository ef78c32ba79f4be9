package io.greenlight.post;

import io.greenlight.channel.ContentRules;
import io.greenlight.engine.UserFacingException;
import io.greenlight.web.RequestText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a post may say, checked before it is written (create and edit, page and /api alike): title, campaign and its
 * type, region, time zone, date, and the variants with each channel's content rules. Every problem is reported at
 * once (400 with the list).
 */
@Component
class PostCommandCheck {

    static final int MAX_TITLE = 200;
    static final int MAX_CAMPAIGN = 200;
    static final int MAX_TEXT = 70_000;
    static final int MAX_VARIANTS = 20;
    /** post_variant.link and feed_entry.link are varchar(2000). */
    static final int MAX_LINK = 2000;

    /** A command's values, cleaned: stripped, blanks as null, the default time zone filled in. */
    record Checked(String title, String campaign, String campaignType, OffsetDateTime scheduledAt, String zone,
                   List<VariantContent> variants) {
    }

    private final ContentRules rules;
    private final String defaultTimeZone;

    PostCommandCheck(ContentRules rules, @Value("${greenlight.default-time-zone:UTC}") String defaultTimeZone) {
        this.rules = rules;
        this.defaultTimeZone = defaultTimeZone;
    }

    Checked check(PostCommand c) {
        List<String> errors = new ArrayList<>();
        // the same rule as for every request's text; here too because CSV imports reach this check without a request field
        controlCharacters("title", c.title(), errors);
        controlCharacters("campaign", c.campaign(), errors);
        controlCharacters("campaignType", c.campaignType(), errors);
        controlCharacters("region", c.region(), errors);
        controlCharacters("timeZone", c.timeZone(), errors);
        if (c.variants() != null) {
            for (VariantContent v : c.variants()) {
                if (v != null) {
                    controlCharacters("variants", v.channel(), errors);
                    controlCharacters("variants", v.text(), errors);
                    controlCharacters("variants", v.link(), errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(errors.size() == 1 ? errors.get(0) : "The post has " + errors.size() + " problems.", errors);
        }
        String title = c.title() == null ? "" : c.title().strip();
        if (title.isEmpty()) {
            errors.add("title: a title is required.");
        } else if (title.length() > MAX_TITLE) {
            errors.add("title: at most " + MAX_TITLE + " characters (it has " + title.length() + ").");
        }
        String campaign = c.campaign() == null || c.campaign().isBlank() ? null : c.campaign().strip();
        if (campaign != null && campaign.length() > MAX_CAMPAIGN) {
            errors.add("campaign: at most " + MAX_CAMPAIGN + " characters.");
        }
        String campaignType = c.campaignType() == null || c.campaignType().isBlank() ? null : c.campaignType().strip();
        if (campaignType != null && !Campaign.TYPES.contains(campaignType)) {
            errors.add("campaignType: '" + campaignType + "' is not one of " + String.join(", ", Campaign.TYPES) + ".");
        }
        if (campaignType != null && campaign == null) {
            errors.add("campaignType: name the campaign too.");
        }
        if (c.region() != null && c.region().strip().length() > 64) {
            errors.add("region: at most 64 characters.");
        }
        String zone = c.timeZone() == null || c.timeZone().isBlank() ? defaultTimeZone : c.timeZone().strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add("timeZone: '" + zone + "' is not an IANA time zone such as Europe/Berlin.");
        }
        OffsetDateTime scheduledAt = c.scheduledAt();
        if (scheduledAt != null && scheduledAt.getYear() > 9999) {
            errors.add("scheduledAt: the date is out of range.");
        }
        List<VariantContent> variants = c.variants() == null ? List.of() : c.variants();
        if (variants.isEmpty()) {
            errors.add("variants: add the text for at least one channel.");
        }
        if (variants.size() > MAX_VARIANTS) {
            errors.add("variants: at most " + MAX_VARIANTS + " channels per post.");
        }
        Set<String> seen = new HashSet<>();
        List<VariantContent> cleaned = new ArrayList<>();
        for (VariantContent v : variants) {
            if (v == null || v.channel() == null || v.channel().isBlank()) {
                errors.add("variants: every variant needs a channel.");
                continue;
            }
            if (!seen.add(v.channel())) {
                errors.add("variants: channel '" + v.channel() + "' appears twice.");
                continue;
            }
            String text = v.text() == null ? "" : v.text();
            if (text.length() > MAX_TEXT) {
                errors.add("variants: the text for '" + v.channel() + "' is far too long (" + text.length() + " characters).");
                continue;
            }
            String link = v.link() == null || v.link().isBlank() ? null : v.link().strip();
            if (link != null && link.length() > MAX_LINK) {
                errors.add("variants: the link for '" + v.channel() + "' is longer than " + String.format("%,d", MAX_LINK)
                        + " characters (it has " + String.format("%,d", link.length()) + "); shorten it.");
                continue;
            }
            rules.check(v.channel(), text, link).forEach(violation -> errors.add(violation.message()));
            cleaned.add(new VariantContent(v.channel(), text, link));
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(errors.size() == 1 ? errors.get(0) : "The post has " + errors.size() + " problems.", errors);
        }
        return new Checked(title, campaign, campaignType, scheduledAt, zone, cleaned);
    }

    private static void controlCharacters(String field, String value, List<String> errors) {
        if (RequestText.hasControlCharacter(value)) {
            errors.add(RequestText.problem(field, value));
        }
    }
}
