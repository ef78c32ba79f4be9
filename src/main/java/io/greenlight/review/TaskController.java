package io.greenlight.review;

import io.greenlight.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
    @Operation(summary = "Tasks assigned to me or offered to me or my groups")
    public List<ReviewInbox.TaskView> mine() {
        return inbox.of(CurrentUser.get());
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
