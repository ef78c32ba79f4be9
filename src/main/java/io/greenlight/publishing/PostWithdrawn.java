package io.greenlight.publishing;

/** Published when a recall of a post finished. {@code channels}: how many channels it was withdrawn from. */
public record PostWithdrawn(String postId, String title, String author, int channels) {
}
