package io.greenlight.web;

import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.net.URI;
import java.util.List;

/**
 * Errors on pages, for people: a refused action (a POST) goes back to where it came from with the message as a
 * flash error; a page that cannot be shown (a GET) renders error.html with the right status. Never a stack trace.
 * Applies to {@link PageController}s only; /api keeps {@link ApiExceptionHandler}.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PageExceptionHandler.class);

    /** Hidden form field naming the page to go back to after an action; only local paths are followed. */
    public static final String RETURN_TO = "returnTo";

    @ExceptionHandler(UserFacingException.class)
    public ModelAndView userFacing(UserFacingException e, HttpServletRequest request, HttpServletResponse response) {
        return refuse(e.status(), e.getMessage(), e.errors(), request, response);
    }

    @ExceptionHandler(AuthorizationException.class)
    public ModelAndView forbidden(AuthorizationException e, HttpServletRequest request, HttpServletResponse response) {
        return refuse(HttpStatus.FORBIDDEN, authorizationMessage(e), List.of(), request, response);
    }

    @ExceptionHandler(FormFieldValidationException.class)
    public ModelAndView invalidForm(FormFieldValidationException e, HttpServletRequest request, HttpServletResponse response) {
        return refuse(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(), request, response);
    }

    @ExceptionHandler(BadUserRequestException.class)
    public ModelAndView badEngineRequest(BadUserRequestException e, HttpServletRequest request, HttpServletResponse response) {
        return refuse(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(), request, response);
    }

    @ExceptionHandler({NotFoundException.class, NullValueException.class})
    public ModelAndView engineNotFound(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
        return refuse(HttpStatus.NOT_FOUND, "This no longer exists. It may have been completed or withdrawn already.",
                List.of(), request, response);
    }

    @ExceptionHandler({OptimisticLockingException.class, OptimisticLockingFailureException.class})
    public ModelAndView concurrent(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
        return refuse(HttpStatus.CONFLICT, "Someone else changed this at the same moment. Reload and try again.",
                List.of(), request, response);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            BindException.class, InvalidPropertyException.class})
    public ModelAndView badRequest(Exception e, HttpServletRequest request, HttpServletResponse response) {
        return page(HttpStatus.BAD_REQUEST, "The request is incomplete or has an invalid value.", List.of(), response);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ModelAndView method(HttpRequestMethodNotSupportedException e, HttpServletResponse response) {
        return page(HttpStatus.METHOD_NOT_ALLOWED, "This page cannot be used that way.", List.of(), response);
    }

    @ExceptionHandler(Exception.class)
    public ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        LOG.error("Unexpected error on page {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side. The error has been logged.",
                List.of(), response);
    }

    private ModelAndView refuse(HttpStatus status, String message, List<String> errors, HttpServletRequest request,
                                HttpServletResponse response) {
        if ("POST".equals(request.getMethod())) {
            String target = returnTarget(request);
            if (target != null) {
                RequestContextUtils.getOutputFlashMap(request).put("flashError", message);
                if (!errors.isEmpty()) {
                    RequestContextUtils.getOutputFlashMap(request).put("flashErrors", errors.stream().map(PageExceptionHandler::plain).toList());
                    RequestContextUtils.getOutputFlashMap(request).put("flashFieldErrors", fieldErrors(errors));
                }
                return new ModelAndView("redirect:" + target);
            }
        }
        return page(status, message, errors, response);
    }

    /**
     * The problems that name a form field ("title: a title is required."), by field, for the form to show next to
     * the field ({@code layout :: fieldError('title')}).
     */
    static java.util.Map<String, String> fieldErrors(List<String> errors) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String error : errors) {
            int colon = error.indexOf(": ");
            if (colon > 0 && FIELD.matcher(error.substring(0, colon)).matches()) {
                fields.merge(error.substring(0, colon), capitalise(error.substring(colon + 2)), (a, b) -> a + " " + b);
            }
        }
        return fields;
    }

    /** "scheduledAt: the date is out of range." becomes "Scheduled at: the date is out of range." */
    static String plain(String error) {
        int colon = error.indexOf(": ");
        if (colon <= 0 || !FIELD.matcher(error.substring(0, colon)).matches()) {
            return error;
        }
        String words = error.substring(0, colon).replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return capitalise(words) + error.substring(colon);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,40}");

    static ModelAndView page(HttpStatus status, String message, List<String> errors, HttpServletResponse response) {
        ModelAndView mav = new ModelAndView("error");
        mav.setStatus(status);
        response.setStatus(status.value());
        mav.addObject("status", status.value());
        mav.addObject("error", status.getReasonPhrase());
        mav.addObject("message", message);
        mav.addObject("errors", errors.stream().map(PageExceptionHandler::plain).toList());
        // the model of a failed handler is dropped: the layout needs these again
        CurrentUser user = CurrentUser.get();
        mav.addObject("currentUser", user);
        mav.addObject("unreadCount", 0L);
        return mav;
    }

    /** The page to go back to: the form's {@code returnTo} field, else the Referer of this site; local paths only. */
    static String returnTarget(HttpServletRequest request) {
        String candidate = request.getParameter(RETURN_TO);
        if (isLocalPath(candidate)) {
            return candidate;
        }
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                if (uri.getHost() != null && uri.getHost().equalsIgnoreCase(request.getServerName())
                        && isLocalPath(uri.getRawPath())) {
                    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException ignored) {
                // not a usable address: fall through
            }
        }
        return null;
    }

    static boolean isLocalPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && path.length() < 500 && path.chars().noneMatch(c -> c < 0x20);
    }

    private static String authorizationMessage(AuthorizationException e) {
        String message = e.getMessage();
        // Camunda's own authorization failures name permissions and resource ids; Greenlight's refusals speak to people.
        if (message == null || message.startsWith("The user with id")) {
            return "You are not allowed to do this.";
        }
        return message;
    }
}
