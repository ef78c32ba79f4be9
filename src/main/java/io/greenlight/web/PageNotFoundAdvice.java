package io.greenlight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * An address that no controller serves. A browser asking for a page gets error.html (404); every other client keeps
 * the problem-details JSON it got before. Global on purpose: an unknown address has no controller to select on.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageNotFoundAdvice {

    @ExceptionHandler(NoResourceFoundException.class)
    public Object notFound(NoResourceFoundException e, HttpServletRequest request, HttpServletResponse response) {
        if (wantsPage(request)) {
            return PageExceptionHandler.page(HttpStatus.NOT_FOUND, "There is no page at this address.", List.of(), response);
        }
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(e.getBody());
    }

    static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        return !path.startsWith("/api/") && accept != null && accept.contains("text/html");
    }
}
