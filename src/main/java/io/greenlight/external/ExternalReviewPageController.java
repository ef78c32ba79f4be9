package io.greenlight.external;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The external approver's page: public, guarded only by the signed token in its address. It shows the content under
 * review and takes one decision; every refused link gets a page that says why (4xx), never a stack trace.
 */
@Controller
@RequestMapping("/external/review")
public class ExternalReviewPageController {

    private final ExternalReviews reviews;

    public ExternalReviewPageController(ExternalReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/{token}")
    public String show(@PathVariable String token, Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("review", reviews.open(token));
        return "external/review";
    }

    @PostMapping("/{token}")
    public String decide(@PathVariable String token, @RequestParam(required = false) String decision,
                         @RequestParam(required = false) String comment, @RequestParam(required = false) String contentHash,
                         Model model, HttpServletResponse response) {
        noStore(response);
        try {
            model.addAttribute("review", reviews.decide(token, decision, comment, contentHash));
        } catch (LinkRefused e) {
            if (e.status().value() != 400) {
                throw e;
            }
            // an incomplete decision: show the page again with the reason and what they wrote
            model.addAttribute("review", reviews.open(token));
            model.addAttribute("error", e.headline() + ". " + e.getMessage());
            model.addAttribute("comment", comment);
            response.setStatus(400);
            return "external/review";
        }
        model.addAttribute("decision", decision);
        return "external/done";
    }

    @ExceptionHandler(LinkRefused.class)
    public String refused(LinkRefused e, Model model, HttpServletResponse response) {
        noStore(response);
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("headline", e.headline());
        model.addAttribute("message", e.getMessage());
        return "external/refused";
    }

    /** Request-wide refusals (e.g. a control character in a field, io.greenlight.web.RequestText) on this public page. */
    @ExceptionHandler(io.greenlight.engine.UserFacingException.class)
    public String invalid(io.greenlight.engine.UserFacingException e, Model model, HttpServletResponse response) {
        noStore(response);
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("headline", "That did not work");
        model.addAttribute("message", e.getMessage());
        return "external/refused";
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        // the address is the credential: never send it on as a referrer
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
