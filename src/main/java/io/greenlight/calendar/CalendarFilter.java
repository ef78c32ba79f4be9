package io.greenlight.calendar;

import io.greenlight.post.Post;

/** What the calendar shows: every field optional (blank = all). Region "global" matches posts without a region. */
public record CalendarFilter(String channel, String campaign, String region, String author) {

    static CalendarFilter of(String channel, String campaign, String region, String author) {
        return new CalendarFilter(clean(channel), clean(campaign), clean(region), clean(author));
    }

    boolean matches(Post p) {
        return (channel == null || p.channels().contains(channel))
                && (campaign == null || campaign.equals(p.getCampaign()))
                && (region == null || region.equalsIgnoreCase(p.getRegion() == null ? "global" : p.getRegion()))
                && (author == null || author.equals(p.getAuthor()));
    }

    boolean isEmpty() {
        return channel == null && campaign == null && region == null && author == null;
    }

    private static String clean(String s) {
        return s == null || s.isBlank() || s.length() > 200 ? null : s.strip();
    }
}
