package io.greenlight.engine;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Thrown by Greenlight's engine listeners to refuse an operation with a message for the user.
 * The engine wraps listener exceptions into a generic error (a 500 on /engine-rest); {@link RefusalTranslator}
 * unwraps this one into the exceptions Camunda's REST API, Tasklist and our API answer with 403 or 400.
 */
public class EngineRefusal extends RuntimeException {

    public enum Kind { FORBIDDEN, INVALID }

    private final Kind kind;

    private EngineRefusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static EngineRefusal forbidden(String message) {
        return new EngineRefusal(Kind.FORBIDDEN, message);
    }

    public static EngineRefusal invalid(String message) {
        return new EngineRefusal(Kind.INVALID, message);
    }

    public Kind kind() {
        return kind;
    }

    ProcessEngineException toEngineException() {
        return switch (kind) {
            case FORBIDDEN -> new AuthorizationException(getMessage());
            case INVALID -> new FormFieldValidationException(null, getMessage());
        };
    }

    /** The refusal somewhere in a throwable's causes, or null. */
    static EngineRefusal find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof EngineRefusal r) {
                return r;
            }
        }
        return null;
    }
}
