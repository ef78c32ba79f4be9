package io.greenlight.review;

import java.util.Optional;

/**
 * How a post's links go out, for the review screen (implemented by insights, which rewrites them when publishing):
 * the start of the short links that replace them ({@code https://greenlight.example/r/}), or empty when the post's
 * links are published as written.
 */
public interface OutgoingLinks {

    Optional<String> shortLinkBase(String postId);

    OutgoingLinks AS_WRITTEN = postId -> Optional.empty();
}
