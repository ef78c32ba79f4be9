package io.greenlight.review;

import java.util.Arrays;
import java.util.Optional;

/** What a reviewer decides; the value of the {@code decision} variable. */
public enum Decision {
    APPROVE("approve", "Approved", false),
    CHANGES("changes", "Changes requested", true),
    REJECT("reject", "Rejected", true);

    private final String value;
    private final String label;
    private final boolean commentRequired;

    Decision(String value, String label, boolean commentRequired) {
        this.value = value;
        this.label = label;
        this.commentRequired = commentRequired;
    }

    public String value() { return value; }
    public String label() { return label; }
    public boolean commentRequired() { return commentRequired; }

    public static Optional<Decision> of(Object value) {
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(d -> d.value.equals(s)).findFirst();
    }
}
