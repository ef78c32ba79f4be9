package io.greenlight.review;

import io.greenlight.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.greenlight.engine.UserFacingException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "Review and revision tasks of the signed-in user and their groups")
public class TaskController {

    private final ReviewInbox inbox;

    public TaskController(ReviewInbox inbox) {
        this.inbox = inbox;
    }

    public record Completion(String decision, String comment) {
    }

    @GetMapping
    @Operation(summary = "Tasks assigned to me or offered to me or my groups, earliest due first",
            description = "Paged: `first` (default 0) and `max` (default 50, at most 500). The header X-Total-Count "
                    + "says how many there are in all. `postId` keeps the tasks of one post.")
    public ResponseEntity<List<ReviewInbox.TaskView>> mine(@RequestParam(required = false) String postId,
                                                           @RequestParam(defaultValue = "0") int first,
                                                           @RequestParam(defaultValue = "50") int max) {
        if (first < 0 || max < 1 || max > ReviewInbox.MAX_PAGE_SIZE) {
            throw UserFacingException.invalid("Use first >= 0 and max between 1 and " + ReviewInbox.MAX_PAGE_SIZE + ".");
        }
        ReviewInbox.Page page = inbox.of(CurrentUser.get(), postId, first, max, true);
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(page.total())).body(page.tasks());
    }

    @GetMapping("/{id}")
    public ReviewInbox.TaskView get(@PathVariable String id) {
        return inbox.get(CurrentUser.get(), id);
    }

    @PostMapping("/{id}/claim")
    @Operation(summary = "Claim a task")
    public ReviewInbox.TaskView claim(@PathVariable String id) {
        inbox.claim(CurrentUser.get(), id);
        return inbox.get(CurrentUser.get(), id);
    }

    @PostMapping("/{id}/unclaim")
    @Operation(summary = "Give a claimed task back to its candidates")
    public ReviewInbox.TaskView unclaim(@PathVariable String id) {
        inbox.unclaim(CurrentUser.get(), id);
        return inbox.get(CurrentUser.get(), id);
    }

    @PostMapping("/{id}/complete")
    @Operation(summary = "Complete a task: a review takes {decision: approve|changes|reject, comment}; "
            + "a revision takes nothing and resubmits the post")
    public org.springframework.http.ResponseEntity<Void> complete(@PathVariable String id,
                                                                  @RequestBody(required = false) Completion body) {
        Completion c = body == null ? new Completion(null, null) : body;
        inbox.complete(CurrentUser.get(), id, c.decision(), c.comment());
        return org.springframework.http.ResponseEntity.noContent().build();
    }
}
