package io.greenlight.publishing.pause;

import io.greenlight.publishing.PublishingAudit;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The crisis pause: everyone sees it, managers pause and resume. */
@RestController
@RequestMapping("/api/publishing")
class PublishingPauseController {

    private final PublishingPause pause;

    public PublishingPauseController(PublishingPause pause) {
        this.pause = pause;
    }

    public record PauseBody(String reason) {
    }

    public record ResumeBody(String mode) {
    }

    @GetMapping("/pause")
    public PublishingPause.PauseView state() {
        return pause.current();
    }

    @PostMapping("/pause")
    public PublishingPause.PauseView pause(@RequestBody(required = false) PauseBody body) {
        return pause.pause(manager(), body == null ? null : body.reason());
    }

    @PostMapping("/resume")
    public PublishingPause.ResumeResult resume(@RequestBody(required = false) ResumeBody body) {
        return pause.resume(manager(), body == null ? null : body.mode());
    }

    @GetMapping("/audit")
    public List<PublishingAudit> audit() {
        manager();
        return pause.history();
    }

    private static CurrentUser manager() {
        CurrentUser user = CurrentUser.get();
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers can pause or resume publishing.");
        }
        return user;
    }
}
