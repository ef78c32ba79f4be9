package io.greenlight.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.greenlight.engine.EngineRefusal;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Camunda logs every exception that ends a command at ERROR with its stack trace (ENGINE-16004 "Exception while
 * closing command context") — also Greenlight's refusals (four-eyes, invalid decision, forbidden start), which are
 * answered with a 403 or 400 and are not errors. This filter (registered in logback-spring.xml) drops such an event
 * when its throwable's causes hold an {@link EngineRefusal} and logs one INFO line without a stack trace instead.
 * Every other event, real errors included, passes unchanged.
 */
public class RefusalLogFilter extends TurboFilter {

    private static final org.slf4j.Logger REFUSALS = LoggerFactory.getLogger("io.greenlight.refusal");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger.getName().startsWith("io.greenlight.refusal")) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        EngineRefusal refusal = refusal(thrown);
        if (refusal == null) {
            return FilterReply.NEUTRAL;
        }
        REFUSALS.info("Refused ({}): {}", refusal.kind() == EngineRefusal.Kind.FORBIDDEN ? "forbidden" : "invalid",
                refusal.getMessage());
        return FilterReply.DENY;
    }

    static EngineRefusal refusal(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 50; c = c.getCause() == c ? null : c.getCause(), depth++) {
            if (c instanceof EngineRefusal r) {
                return r;
            }
            for (Throwable s : c.getSuppressed()) {
                if (s instanceof EngineRefusal r) {
                    return r;
                }
            }
        }
        return null;
    }
}
