package io.greenlight.post;

import io.greenlight.engine.EngineClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** Moves a post's status as its process moves; called by the diagram's beans and Greenlight's listeners. */
@Service
@Transactional
public class PostProgress {

    private final PostRepository posts;

    public PostProgress(PostRepository posts) {
        this.posts = posts;
    }

    public Optional<Post> find(String postId) {
        return postId == null ? Optional.empty() : posts.findById(postId);
    }

    public Post require(String postId) {
        return find(postId).orElseThrow(() -> new IllegalStateException(
                "The process refers to post '" + postId + "', which does not exist."));
    }

    public void inReview(String postId) {
        require(postId).moveTo(PostStatus.IN_REVIEW, EngineClock.now());
    }

    public void changesRequested(String postId) {
        require(postId).moveTo(PostStatus.CHANGES_REQUESTED, EngineClock.now());
    }

    public Post approved(String postId) {
        Post post = require(postId);
        post.approved(EngineClock.now());
        return post;
    }

    public void rejected(String postId) {
        require(postId).moveTo(PostStatus.REJECTED, EngineClock.now());
    }
}
