package io.greenlight.post;

import io.greenlight.engine.UserFacingException;

import java.util.List;
import java.util.Map;

/**
 * The library files attached to each channel's variant of a post (implemented by the asset library). Keys are
 * channel keys, values asset ids in display order.
 */
public interface PostAttachments {

    Map<String, List<Long>> attached(String postId);

    /** What is wrong with attaching these (unknown or expired assets, each network's media rules); empty when fine. */
    List<String> problems(String postId, Map<String, List<Long>> wanted);

    /** Refused (400 with the problems) when attaching these would have any; see {@link #problems}. */
    default void requireAttachable(String postId, Map<String, List<Long>> wanted) {
        List<String> problems = problems(postId, wanted);
        if (!problems.isEmpty()) {
            throw UserFacingException.invalid(problems.size() == 1 ? problems.get(0)
                    : "The media have " + problems.size() + " problems.", problems);
        }
    }

    /** Replaces the post's media with these (checked again; 400 with the problems). */
    void attach(String postId, Map<String, List<Long>> wanted);
}
