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

import java.util.Map;

/** A task's own Camunda Form and its submission, for the inbox's form-js viewer (and any other client). */
@RestController
@RequestMapping("/api/tasks/{id}/form")
@Tag(name = "Tasks")
public class TaskFormController {

    private final TaskForms forms;

    public TaskFormController(TaskForms forms) {
        this.forms = forms;
    }

    public record Submission(Map<String, Object> variables) {
    }

    public record Completed(String message, String next) {
    }

    @GetMapping
    @Operation(summary = "The task's deployed Camunda Form (schema), its variables and the user's time zone",
            description = "Date/time fields are set to local times in the user's zone; submit them the same way.")
    public TaskForms.FormModel form(@PathVariable String id) {
        return forms.model(CurrentUser.get(), id);
    }

    @PostMapping
    @Operation(summary = "Complete the task with the form's values, as the signed-in user (claims it first when unclaimed)",
            description = "Only the form's own fields are taken. The engine's rules apply: 400 for invalid values, "
                    + "403 where the user may not complete it, with the reason in `detail`.")
    public Completed submit(@PathVariable String id, @RequestBody(required = false) Submission body) {
        forms.complete(CurrentUser.get(), id, body == null || body.variables() == null ? Map.of() : body.variables());
        return new Completed("Done.", "/inbox");
    }
}
