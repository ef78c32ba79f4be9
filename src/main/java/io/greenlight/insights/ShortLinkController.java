package io.greenlight.insights;

import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.net.URI;

/** {@code /r/{code}}: public, no sign-in; counts the click (code and time only) and redirects to the target. */
@PageController
public class ShortLinkController {

    private final ShortLinks links;

    public ShortLinkController(ShortLinks links) {
        this.links = links;
    }

    @GetMapping("/r/{code}")
    public ResponseEntity<Void> follow(@PathVariable String code) {
        String target = links.click(code).orElseThrow(() -> UserFacingException.notFound(
                "This link does not exist (any more)."));
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
