package io.greenlight.reply;

import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/replies")
@Tag(name = "Saved replies", description = "Saved replies and post templates with {{placeholders}}, per team")
public class SavedReplyController {

    private final SavedReplies replies;

    public SavedReplyController(SavedReplies replies) {
        this.replies = replies;
    }

    public record ReplyJson(Long id, String title, String body, String team, String kind, List<String> placeholders) {
        static ReplyJson of(SavedReply r) {
            return new ReplyJson(r.getId(), r.getTitle(), r.getBody(), r.getTeam(), r.getKind().name(),
                    SavedReplies.placeholders(r.getBody()));
        }
    }

    public record RenderBody(Map<String, String> values) {
    }

    @GetMapping
    @Operation(summary = "Search your teams' saved replies and templates (q, kind = reply|template)")
    public List<ReplyJson> search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                                  @RequestParam(defaultValue = "20") int size) {
        return replies.search(CurrentUser.get(), q, kind, size).stream().map(ReplyJson::of).toList();
    }

    @PostMapping
    @Operation(summary = "Save a reply or template for one of your teams")
    public ResponseEntity<ReplyJson> create(@RequestBody SavedReplies.Command command) {
        if (command == null) {
            throw UserFacingException.invalid("Send title, body, team and kind.");
        }
        SavedReply r = replies.create(CurrentUser.get(), command);
        return ResponseEntity.created(URI.create("/api/replies/" + r.getId())).body(ReplyJson.of(r));
    }

    @PostMapping("/{id}/render")
    @Operation(summary = "Fill the placeholders of a saved reply; lists those without a value")
    public SavedReplies.Rendered render(@PathVariable Long id, @RequestBody(required = false) RenderBody body) {
        SavedReply r = replies.get(CurrentUser.get(), id);
        return replies.render(r.getBody(), body == null ? Map.of() : body.values());
    }
}
