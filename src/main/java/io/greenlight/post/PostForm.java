package io.greenlight.post;

import io.greenlight.engine.UserFacingException;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the compose/edit page posts: the schedule as a local date-time ({@code <input type="datetime-local">}) plus
 * an IANA time zone, and one block per channel that is switched on with a checkbox.
 */
public class PostForm {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private String title;
    private String campaign;
    // routing facts, see processes/approval-routing.dmn
    private String campaignType;
    private String region;
    private boolean paidPromotion;
    private boolean priceHealthClaims;
    private boolean crisis;
    private String scheduledAt;
    private String timeZone;
    private List<VariantForm> variants = new ArrayList<>();

    public static class VariantForm {
        private String channel;
        private boolean enabled;
        private String text;
        private String link;
        // Library files attached to this channel's variant, in order
        private List<Long> assetIds = new ArrayList<>();

        public VariantForm() {
        }

        VariantForm(String channel, boolean enabled, String text, String link) {
            this.channel = channel;
            this.enabled = enabled;
            this.text = text;
            this.link = link;
        }

        public String getChannel() { return channel; }
        public void setChannel(String channel) { this.channel = channel; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getText() { return text; }
        public void setText(String text) { this.text = text; }
        public String getLink() { return link; }
        public void setLink(String link) { this.link = link; }
        public List<Long> getAssetIds() { return assetIds; }
        public void setAssetIds(List<Long> assetIds) { this.assetIds = assetIds == null ? new ArrayList<>() : assetIds; }
    }

    /** The media of every switched-on channel (channel key → asset ids). */
    java.util.Map<String, List<Long>> media() {
        java.util.Map<String, List<Long>> media = new java.util.LinkedHashMap<>();
        for (VariantForm v : variants) {
            if (v != null && v.enabled && v.channel != null) {
                media.put(v.channel, v.assetIds.stream().filter(java.util.Objects::nonNull).distinct().toList());
            }
        }
        return media;
    }

    /** Shows the media a post has (editing). */
    void media(java.util.Map<String, List<Long>> attached) {
        for (VariantForm v : variants) {
            v.assetIds = new ArrayList<>(attached.getOrDefault(v.channel, List.of()));
        }
    }

    /** A new post started from the calendar (a best-time slot): its time, zone and channel. */
    void prefill(String scheduledAt, String timeZone, String channel) {
        if (scheduledAt != null && scheduledAt.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            this.scheduledAt = scheduledAt;
        }
        if (timeZone != null && timeZone.length() <= 64) {
            this.timeZone = timeZone.strip();
        }
        if (channel != null && variants.stream().anyMatch(v -> channel.equals(v.channel))) {
            variants.stream().filter(v -> channel.equals(v.channel)).forEach(v -> v.enabled = true);
        }
    }

    /** An empty form offering every given channel; the only channel is switched on. */
    static PostForm blank(List<String> channels) {
        PostForm form = new PostForm();
        channels.forEach(c -> form.variants.add(new VariantForm(c, channels.size() == 1, "", "")));
        return form;
    }

    /** The form for editing a post: its variants switched on, the other channels offered. */
    static PostForm of(Post post, List<String> channels) {
        PostForm form = new PostForm();
        form.title = post.getTitle();
        form.campaign = post.getCampaign();
        form.region = post.getRegion();
        form.paidPromotion = post.isPaidPromotion();
        form.priceHealthClaims = post.isPriceHealthClaims();
        form.crisis = post.isCrisis();
        form.timeZone = post.getTimeZone();
        if (post.getScheduledAt() != null) {
            ZoneId zone = zoneOrUtc(post.getTimeZone());
            form.scheduledAt = LOCAL.format(post.getScheduledAt().atZoneSameInstant(zone));
        }
        for (PostVariant v : post.getVariants()) {
            form.variants.add(new VariantForm(v.getChannel(), true, v.getText(), v.getLink()));
        }
        for (String channel : channels) {
            if (post.variant(channel).isEmpty()) {
                form.variants.add(new VariantForm(channel, false, "", ""));
            }
        }
        return form;
    }

    /** Adds blocks for channels the submitted form did not carry (so a re-rendered form still offers them). */
    void offer(List<String> channels) {
        for (String channel : channels) {
            if (variants.stream().noneMatch(v -> channel.equals(v.getChannel()))) {
                variants.add(new VariantForm(channel, false, "", ""));
            }
        }
    }

    /**
     * The command for {@link PostService}. The local date-time is read in the chosen zone (an unknown zone is left
     * for the service to report, reading the time as UTC meanwhile).
     *
     * @throws UserFacingException (400) when the date-time cannot be read
     */
    PostCommand toCommand() {
        List<VariantContent> content = new ArrayList<>();
        for (VariantForm v : variants) {
            if (v != null && v.enabled && v.channel != null) {
                content.add(new VariantContent(v.channel, v.text == null ? "" : v.text, v.link));
            }
        }
        return new PostCommand(title, campaign, scheduled(), timeZone, content,
                campaignType == null || campaignType.isBlank() ? null : campaignType, region, paidPromotion,
                priceHealthClaims, crisis);
    }

    private java.time.OffsetDateTime scheduled() {
        if (scheduledAt == null || scheduledAt.isBlank()) {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(scheduledAt.strip());
        } catch (DateTimeParseException e) {
            String message = "scheduledAt: '" + scheduledAt + "' is not a date and time such as 2026-05-01T09:30.";
            throw UserFacingException.invalid(message, List.of(message));
        }
        return local.atZone(zoneOrUtc(timeZone)).toOffsetDateTime();
    }

    private static ZoneId zoneOrUtc(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getCampaign() { return campaign; }
    public void setCampaign(String campaign) { this.campaign = campaign; }
    public String getCampaignType() { return campaignType; }
    public void setCampaignType(String campaignType) { this.campaignType = campaignType; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public boolean isPaidPromotion() { return paidPromotion; }
    public void setPaidPromotion(boolean paidPromotion) { this.paidPromotion = paidPromotion; }
    public boolean isPriceHealthClaims() { return priceHealthClaims; }
    public void setPriceHealthClaims(boolean priceHealthClaims) { this.priceHealthClaims = priceHealthClaims; }
    public boolean isCrisis() { return crisis; }
    public void setCrisis(boolean crisis) { this.crisis = crisis; }
    public String getScheduledAt() { return scheduledAt; }
    public void setScheduledAt(String scheduledAt) { this.scheduledAt = scheduledAt; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public List<VariantForm> getVariants() { return variants; }
    public void setVariants(List<VariantForm> variants) { this.variants = variants; }
}
