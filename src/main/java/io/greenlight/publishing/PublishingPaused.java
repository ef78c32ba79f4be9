package io.greenlight.publishing;

/** Published when a manager pauses all publishing (crisis); {@code held}: the scheduled posts now waiting. */
public record PublishingPaused(String by, String reason, int held) {
}
