package io.greenlight.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Outermost command interceptor: turns an {@link EngineRefusal} raised inside a listener into an
 * {@code AuthorizationException} (403) or a {@code FormFieldValidationException} (400), so every route
 * — our API, Tasklist's submit-form, /engine-rest — gets the refusal's own message instead of a 500.
 */
public class RefusalTranslator extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        try {
            return next.execute(command);
        } catch (EngineRefusal refusal) {
            throw refusal.toEngineException();
        } catch (ProcessEngineException e) {
            EngineRefusal refusal = EngineRefusal.find(e);
            if (refusal != null) {
                throw refusal.toEngineException();
            }
            throw e;
        } catch (RuntimeException e) {
            EngineRefusal refusal = EngineRefusal.find(e);
            if (refusal != null) {
                throw refusal.toEngineException();
            }
            throw e;
        }
    }
}
