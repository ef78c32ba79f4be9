package io.greenlight.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Caps request bodies on {@code /engine-rest} ({@code greenlight.engine-rest.max-request-size}, 10 MB by default):
 * Camunda's REST API reads whole deployments into memory and Spring's multipart limits do not apply to it.
 * A larger body is a 413 before anything is read; a multipart upload must declare its length (411 otherwise).
 */
public class EngineRestSizeLimit extends OncePerRequestFilter {

    private final DataSize max;
    private final ObjectMapper json;

    public EngineRestSizeLimit(DataSize max, ObjectMapper json) {
        this.max = max;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        String type = request.getContentType();
        if (length > max.toBytes()) {
            problem(response, HttpStatus.PAYLOAD_TOO_LARGE, "The request is larger than " + max.toMegabytes()
                    + " MB. Deployments and other engine requests must stay below that size.");
            return;
        }
        if (length < 0 && type != null && type.toLowerCase().startsWith("multipart/")) {
            problem(response, HttpStatus.LENGTH_REQUIRED, "Uploads to the engine must declare their size (Content-Length).");
            return;
        }
        chain.doFilter(request, response);
    }

    private void problem(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setHeader("Connection", "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, message));
    }
}
