package io.greenlight.post;

/** What an author writes for one channel. */
public record VariantContent(String channel, String text, String link) {
}
