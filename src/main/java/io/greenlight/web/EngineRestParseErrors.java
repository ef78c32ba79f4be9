package io.greenlight.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.regex.Pattern;

/**
 * Camunda's REST API answers a deployment it cannot parse (malformed XML, a DOCTYPE — XXE and entity bombs are
 * refused by the engine's secure XML parsing — or an invalid BPMN/DMN model) with a 500, as if the server had
 * failed. This mapper makes those a 400 with Camunda's usual error body; every other engine exception keeps
 * Camunda's own status.
 */
@Priority(1)
public class EngineRestParseErrors implements ExceptionMapper<ProcessEngineException> {

    /** ENGINE-09003/09005 (XML parse), ENGINE-22004 (DMN transform), DMN-02003/02004, ENGINE-01009 (BPMN parse). */
    private static final Pattern PARSE = Pattern.compile("\\b(ENGINE-0900[0-9]|ENGINE-22004|DMN-0200[0-9]|ENGINE-01009)\\b");

    @Override
    public Response toResponse(ProcessEngineException e) {
        if (!isParseError(e)) {
            return ExceptionHandlerHelper.getInstance().getResponse(e);
        }
        ExceptionDto dto = ExceptionHandlerHelper.getInstance().fromException(e);
        dto.setType("ParseException");
        return Response.status(Response.Status.BAD_REQUEST).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static boolean isParseError(Throwable e) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 20; c = c.getCause() == c ? null : c.getCause(), depth++) {
            if (c instanceof org.camunda.bpm.engine.ParseException || c instanceof org.xml.sax.SAXException
                    || (c.getMessage() != null && PARSE.matcher(c.getMessage()).find())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Some resources wrap the engine's answer in a {@code RestException} with status 500 even when the cause is the
     * caller's — e.g. completing a task id that does not exist. Those become 404, 403 or 400 by their cause.
     */
    @Priority(1)
    public static class WrappedClientErrors implements ExceptionMapper<RestException> {
        @Override
        public Response toResponse(RestException e) {
            Response.Status status = null;
            if (e.getStatus() == null || e.getStatus() == Response.Status.INTERNAL_SERVER_ERROR) {
                for (Throwable c = e.getCause(); c != null && status == null; c = c.getCause() == c ? null : c.getCause()) {
                    if (c instanceof NullValueException || c instanceof NotFoundException) {
                        status = Response.Status.NOT_FOUND;
                    } else if (c instanceof AuthorizationException) {
                        status = Response.Status.FORBIDDEN;
                    } else if (c instanceof BadUserRequestException) {
                        status = Response.Status.BAD_REQUEST;
                    }
                }
                if (status == null && isParseError(e)) {
                    status = Response.Status.BAD_REQUEST;
                }
            }
            if (status == null) {
                return ExceptionHandlerHelper.getInstance().getResponse(e);
            }
            ExceptionDto dto = ExceptionHandlerHelper.getInstance().fromException(e);
            return Response.status(status).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    @Configuration
    static class Registration {
        @Bean
        ResourceConfigCustomizer engineRestParseErrors() {
            return config -> config.register(EngineRestParseErrors.class).register(WrappedClientErrors.class);
        }
    }
}
