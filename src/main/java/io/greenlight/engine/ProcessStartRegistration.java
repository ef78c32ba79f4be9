package io.greenlight.engine;

import org.camunda.bpm.engine.delegate.ExecutionListener;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A rule a feature attaches to the start of every process with definition key {@code processKey} (whatever its
 * drawing), as a built-in listener. Attached by {@link TaskListenerRegistry}.
 */
public record ProcessStartRegistration(String name, String processKey, Supplier<? extends ExecutionListener> listener) {

    public ProcessStartRegistration {
        Objects.requireNonNull(name);
        Objects.requireNonNull(processKey);
        Objects.requireNonNull(listener);
    }
}
