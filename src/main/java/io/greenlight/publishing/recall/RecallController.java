package io.greenlight.publishing.recall;

import io.greenlight.security.CurrentUser;
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

/** Withdrawing a published post from the networks: {@code POST} asks (author or manager), {@code GET} shows progress. */
@RestController
@RequestMapping("/api/posts/{id}/recall")
class RecallController {

    private final PostRecalls recalls;

    public RecallController(PostRecalls recalls) {
        this.recalls = recalls;
    }

    public record RecallBody(String reason) {
    }

    public record RecallView(String channel, VariantRecall.State state, String reason, String requestedBy,
                             OffsetDateTime requestedAt, String doneBy, OffsetDateTime doneAt, String lastError) {
        static RecallView of(VariantRecall r) {
            return new RecallView(r.getChannel(), r.getState(), r.getReason(), r.getRequestedBy(), r.getRequestedAt(),
                    r.getDoneBy(), r.getDoneAt(), r.getLastError());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public List<RecallView> recall(@PathVariable String id, @RequestBody(required = false) RecallBody body) {
        return recalls.request(CurrentUser.get(), id, body == null ? null : body.reason()).stream().map(RecallView::of).toList();
    }

    @GetMapping
    public List<RecallView> progress(@PathVariable String id) {
        return recalls.forPost(id).stream().map(RecallView::of).toList();
    }
}
