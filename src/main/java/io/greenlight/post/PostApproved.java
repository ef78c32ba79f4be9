package io.greenlight.post;

/** Published when a post passed every review stage ({@code approvePost}), in the engine's transaction. */
public record PostApproved(String postId, String title, String author, boolean scheduled) {
}
