package io.greenlight.notify;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** How a notification reaches people: the bell, e-mail to the user, or the team's chat webhook. */
public enum DeliveryChannel {
    IN_APP("in-app"), EMAIL("email"), CHAT("chat");

    private final String key;

    DeliveryChannel(String key) {
        this.key = key;
    }

    public String key() { return key; }

    public static Optional<DeliveryChannel> of(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key == null ? null : key.strip())).findFirst();
    }

    /** A comma-separated list such as {@code in-app, email}; empty or null = all channels. */
    public static Set<DeliveryChannel> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return EnumSet.allOf(DeliveryChannel.class);
        }
        Set<DeliveryChannel> set = EnumSet.noneOf(DeliveryChannel.class);
        for (String token : spec.split(",")) {
            if (token.isBlank()) {
                continue;
            }
            set.add(of(token).orElseThrow(() -> new IllegalArgumentException("Unknown notification channel '" + token.strip()
                    + "'; use in-app, email or chat")));
        }
        return set;
    }
}
