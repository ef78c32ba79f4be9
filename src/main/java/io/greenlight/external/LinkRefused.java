package io.greenlight.external;

import org.springframework.http.HttpStatus;

/**
 * A review link that cannot be used, with a message for the approver (never a stack trace): 404 for a link that is not
 * valid (unknown, tampered, cut off), 410 for one that was valid and is no more (used, expired, withdrawn, the content
 * changed, the review ended), 409 when the content changed while it was on screen, 400 for an incomplete decision.
 */
public class LinkRefused extends RuntimeException {

    private final HttpStatus status;
    private final String headline;

    LinkRefused(HttpStatus status, String headline, String message) {
        super(message);
        this.status = status;
        this.headline = headline;
    }

    static LinkRefused invalid() {
        return new LinkRefused(HttpStatus.NOT_FOUND, "This link is not valid",
                "Check that you opened the whole link from the e-mail. If it still does not work, ask the person who asked "
                        + "for your review to send a new one.");
    }

    static LinkRefused gone(String headline, String message) {
        return new LinkRefused(HttpStatus.GONE, headline, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String headline() {
        return headline;
    }
}
