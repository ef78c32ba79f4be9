package io.greenlight.insights;

/** Durations for people ("3.0 h", "2.5 d", "40 min"), for the Insights page and e-mail (model variable {@code durations}). */
public final class Durations {

    public static final Durations INSTANCE = new Durations();

    private Durations() {
    }

    /** A duration given in milliseconds, or "–". */
    public String text(Double millis) {
        return InsightsDashboard.hoursText(millis);
    }
}
