package io.greenlight.post;

import io.greenlight.channel.Violation;

import java.util.List;

/**
 * A further check of a post's variants beyond the text rules (the media of each variant, by the asset
 * library). Every such bean runs in {@link PostService#check(Post)}, i.e. in the {@code validatePost} step.
 */
public interface PostCheck {

    List<Violation> check(Post post);
}
