package io.greenlight.external;

import io.greenlight.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The team's view of a post's external review links; managers revoke or resend them. */
@RestController
@RequestMapping("/api/posts/{id}/external-reviews")
@Tag(name = "External reviews")
public class ExternalReviewController {

    private final ExternalReviewLinks links;

    public ExternalReviewController(ExternalReviewLinks links) {
        this.links = links;
    }

    @GetMapping
    @Operation(summary = "The review links sent to external approvers for this post, newest first (never the links themselves)")
    public List<ExternalReviewLinks.LinkView> list(@PathVariable String id) {
        return links.list(id);
    }

    @PostMapping("/{linkId}/revoke")
    @Operation(summary = "Revoke a review link at once (managers); the review task stays open")
    public ExternalReviewLinks.LinkView revoke(@PathVariable String id, @PathVariable String linkId) {
        return links.revoke(CurrentUser.get(), id, linkId);
    }

    @PostMapping("/{linkId}/resend")
    @Operation(summary = "Send the approver a fresh link for the same open review (managers); older links die")
    public ExternalReviewLinks.LinkView resend(@PathVariable String id, @PathVariable String linkId) {
        return links.resend(CurrentUser.get(), id, linkId);
    }
}
