package io.greenlight.post;

import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

@RestController
@RequestMapping("/api/posts")
@Tag(name = "Posts", description = "Write, submit and withdraw posts")
public class PostController {

    private final PostService posts;
    private final PostViews views;
    private final PostTimeline timeline;

    public PostController(PostService posts, PostViews views, PostTimeline timeline) {
        this.posts = posts;
        this.views = views;
        this.timeline = timeline;
    }

    public record PostPage(List<PostView> items, int page, int size, long total) {
    }

    @PostMapping
    @Operation(summary = "Create a draft post (one variant per channel)")
    public ResponseEntity<PostView> create(@RequestBody PostCommand command) {
        Post post = posts.create(CurrentUser.get(), command);
        return ResponseEntity.created(URI.create("/api/posts/" + post.getId())).body(views.of(post));
    }

    @GetMapping
    @Operation(summary = "List posts, newest change first; filter by status or author")
    public PostPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String author,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PostStatus parsed = null;
        if (status != null && !status.isBlank()) {
            parsed = Arrays.stream(PostStatus.values()).filter(s -> s.name().equalsIgnoreCase(status.strip())).findFirst()
                    .orElseThrow(() -> UserFacingException.invalid("Unknown status '" + status + "'; use one of "
                            + Arrays.toString(PostStatus.values()) + "."));
        }
        Page<Post> result = posts.list(parsed, author, page, size);
        return new PostPage(views.summaries(result.getContent()), result.getNumber(),
                result.getSize(), result.getTotalElements());
    }

    @GetMapping("/{id}")
    @Operation(summary = "A post with its variants, content version and current stages (open task ids)")
    public PostView get(@PathVariable String id) {
        return views.of(posts.get(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit a draft, a post with changes requested, or a scheduled post (which goes back to review)")
    public PostView update(@PathVariable String id, @RequestBody PostCommand command) {
        return views.of(posts.update(CurrentUser.get(), id, command));
    }

    @PostMapping("/{id}/submit")
    @Operation(summary = "Submit a draft for review: starts the post-approval process")
    public PostView submit(@PathVariable String id) {
        return views.of(posts.submit(CurrentUser.get(), id));
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw a post until it publishes: its process ends and it is a draft again")
    public PostView withdraw(@PathVariable String id) {
        return views.of(posts.withdraw(CurrentUser.get(), id));
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "Who submitted, claimed, decided and published what, and when (from engine history)")
    public List<PostTimeline.Entry> timeline(@PathVariable String id) {
        return timeline.of(posts.get(id));
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "The content snapshot of every submit")
    public List<PostTimeline.VersionView> versions(@PathVariable String id) {
        return timeline.versions(posts.get(id));
    }

    static ResponseEntity<Void> noContent() {
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
