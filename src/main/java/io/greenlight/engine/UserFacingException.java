package io.greenlight.engine;

import org.springframework.http.HttpStatus;

import java.util.List;

/** A refusal whose message is written for the user. Rendered as problem details on /api, a form error on pages. */
public class UserFacingException extends RuntimeException {

    private final HttpStatus status;
    private final List<String> errors;

    public UserFacingException(HttpStatus status, String message) {
        this(status, message, List.of());
    }

    public UserFacingException(HttpStatus status, String message, List<String> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static UserFacingException notFound(String message) {
        return new UserFacingException(HttpStatus.NOT_FOUND, message);
    }

    public static UserFacingException forbidden(String message) {
        return new UserFacingException(HttpStatus.FORBIDDEN, message);
    }

    public static UserFacingException conflict(String message) {
        return new UserFacingException(HttpStatus.CONFLICT, message);
    }

    public static UserFacingException invalid(String message) {
        return new UserFacingException(HttpStatus.BAD_REQUEST, message);
    }

    public static UserFacingException invalid(String message, List<String> errors) {
        return new UserFacingException(HttpStatus.BAD_REQUEST, message, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }
}
