package io.greenlight.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs before Spring Security and the Camunda webapps on every way to sign in — our form login ({@code POST /login}),
 * HTTP Basic on {@code /api} and {@code /engine-rest}, and the webapps' login
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}): answers 429 with {@code Retry-After} while the
 * source is blocked, and reports each attempt's outcome to {@link LoginThrottle}.
 * <p>The source is {@code request.getRemoteAddr()}; behind a reverse proxy, set
 * {@code server.forward-headers-strategy=native} so it is the client's address, not the proxy's.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleFilter.class);
    private static final String FAILED = LoginThrottleFilter.class.getName() + ".failed";
    private static final Pattern WEBAPP_LOGIN = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$");
    private static final int MAX_LOGIN_BODY = 16 * 1024;

    private enum Door { FORM, BASIC, WEBAPP }

    private final LoginThrottle throttle;
    private final ObjectMapper json;

    public LoginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
        this.throttle = throttle;
        this.json = json;
    }

    /** The form login's failure handler: the user name or password was wrong. */
    static AuthenticationFailureHandler formFailureHandler(String failureUrl) {
        SimpleUrlAuthenticationFailureHandler redirect = new SimpleUrlAuthenticationFailureHandler(failureUrl);
        return (request, response, exception) -> {
            if (exception instanceof BadCredentialsException) {
                request.setAttribute(FAILED, Boolean.TRUE);
            }
            redirect.onAuthenticationFailure(request, response, exception);
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Door door = door(request, path);
        if (door == null) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest req = request;
        String user;
        switch (door) {
            case BASIC -> user = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
            case FORM -> user = request.getParameter("username");
            default -> {
                FormBody body = FormBody.of(request);
                if (body == null) {
                    writeProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, "The sign-in request is too large.", null);
                    return;
                }
                req = body;
                user = body.getParameter("username");
            }
        }
        String source = request.getRemoteAddr();
        Optional<Duration> wait = throttle.blocked(source, user);
        if (wait.isPresent()) {
            refuse(door, response, wait.get());
            return;
        }
        chain.doFilter(req, response);
        // Basic and the webapps answer 401 only to a wrong user name or password; the form marks its failures
        boolean failed = door == Door.FORM ? Boolean.TRUE.equals(request.getAttribute(FAILED))
                : response.getStatus() == HttpStatus.UNAUTHORIZED.value();
        if (failed) {
            throttle.failed(source, user);
            throttle.blocked(source, user).ifPresent(d ->
                    LOG.warn("Sign-ins from {} blocked for {} s after repeated failures", source, d.toSeconds()));
        } else if (response.getStatus() < 400) {
            throttle.succeeded(source, user);
        }
    }

    private static Door door(HttpServletRequest request, String path) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        // Basic is accepted everywhere but in the Camunda webapps (pages, /api, /actuator, /engine-rest)
        if (basic && !path.startsWith("/camunda/")) {
            return Door.BASIC;
        }
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return null;
        }
        if (path.equals("/login")) {
            return Door.FORM;
        }
        return WEBAPP_LOGIN.matcher(path).matches() ? Door.WEBAPP : null;
    }

    private static String basicUser(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void refuse(Door door, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String message = "Too many failed sign-ins from your address. Try again in " + seconds + " seconds.";
        if (door == Door.FORM) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Too many sign-ins · Greenlight</title>"
                    + "</head><body><h1>Too many failed sign-ins</h1><p role=\"alert\">" + HtmlUtils.htmlEscape(message)
                    + "</p><p><a href=\"/login\">Back to sign-in</a></p></body></html>");
            return;
        }
        writeProblem(response, HttpStatus.TOO_MANY_REQUESTS, message, seconds);
    }

    private void writeProblem(HttpServletResponse response, HttpStatus status, String message, Long retryAfter)
            throws IOException {
        response.setStatus(status.value());
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, message));
    }

    /**
     * The webapps' login reads its form with JAX-RS from the body: read the (small) body once, take the user name
     * from it, and hand the same bytes on.
     */
    private static final class FormBody extends HttpServletRequestWrapper {
        private final byte[] body;
        private final Map<String, String[]> params;

        private FormBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            Map<String, String[]> parsed = new LinkedHashMap<>();
            for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    parsed.merge(name, new String[]{value}, (a, b) -> {
                        String[] all = java.util.Arrays.copyOf(a, a.length + 1);
                        all[a.length] = b[0];
                        return all;
                    });
                } catch (IllegalArgumentException ignored) {
                    // malformed escape: leave this pair out
                }
            }
            this.params = Collections.unmodifiableMap(parsed);
        }

        static FormBody of(HttpServletRequest request) throws IOException {
            byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_BODY + 1);
            return body.length > MAX_LOGIN_BODY ? null : new FormBody(request, body);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public String getParameter(String name) {
            String[] values = params.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return params;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(params.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return params.get(name);
        }
    }
}
