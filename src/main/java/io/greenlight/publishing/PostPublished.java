package io.greenlight.publishing;

/** Published once, when the last of a post's channels went out. {@code where}: each channel, with its URL when known. */
public record PostPublished(String postId, String title, String author, String where) {
}
