package io.greenlight.publishing;

/** Published when a channel of a post failed for good (the last retry, or a refusal that no retry can fix). */
public record PublishFailed(String postId, String title, String author, String channel, String error) {
}
