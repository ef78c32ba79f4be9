package io.greenlight.post;

/** Published when a post goes back to its author for changes (a {@code revise-post} task is created). */
public record ChangesRequested(String postId, String title, String author, String feedback) {
}
