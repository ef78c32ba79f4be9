package io.greenlight.post;

import io.greenlight.web.UserFacingException;

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
    private String scheduledAt;
    private String timeZone;
    private List<VariantForm> variants = new ArrayList<>();

    public static class VariantForm {
        private String channel;
        private boolean enabled;
        private String text;
        private String link;

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
        return new PostCommand(title, campaign, scheduled(), timeZone, content);
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
    public String getScheduledAt() { return scheduledAt; }
    public void setScheduledAt(String scheduledAt) { this.scheduledAt = scheduledAt; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public List<VariantForm> getVariants() { return variants; }
    public void setVariants(List<VariantForm> variants) { this.variants = variants; }
}
