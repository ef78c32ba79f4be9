package io.greenlight.comment;

import io.greenlight.post.PostProgress;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;

/** {@code /api/posts/{id}/comments}: the post's internal discussion, threaded, with @mentions. */
@RestController
@RequestMapping("/api/posts/{postId}/comments")
public class CommentController {

    private final Comments comments;
    private final PostProgress posts;

    public CommentController(Comments comments, PostProgress posts) {
        this.comments = comments;
        this.posts = posts;
    }

    public record CommentView(long id, Long parentId, String author, String body, OffsetDateTime createdAt) {
        static CommentView of(PostComment c) {
            return new CommentView(c.getId(), c.getParentId(), c.getAuthor(), c.getBody(), c.getCreatedAt());
        }
    }

    public record ThreadView(CommentView comment, List<CommentView> replies) {
    }

    public record NewComment(String body, Long parentId) {
    }

    @GetMapping
    public List<ThreadView> list(@PathVariable String postId) {
        if (postId.length() > 36 || posts.find(postId).isEmpty()) {
            throw UserFacingException.notFound("There is no post '" + postId + "'.");
        }
        return comments.threads(postId).stream().map(t -> new ThreadView(CommentView.of(t.comment()),
                t.replies().stream().map(CommentView::of).toList())).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public CommentView add(@PathVariable String postId, @RequestBody NewComment body) {
        if (postId.length() > 36) {
            throw UserFacingException.notFound("There is no post '" + postId + "'.");
        }
        return CommentView.of(comments.add(CurrentUser.get(), postId, body.parentId(), body.body()));
    }
}
