package io.greenlight.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

import java.util.Objects;

/**
 * Sets only the variables whose value differs from what the scope already holds. With history FULL every
 * {@code setVariable} writes a variable update, a history detail and, for JSON values, two byte arrays, even when
 * nothing changed; steps that refresh a post's variables (validate, approve) mostly write the same values again
 * (docs/performance.md: variables were 60% of the rows a post writes). A variable that does not exist yet is
 * always created (forms read it even when it is null).
 * <p>
 * JSON object values are compared in their serialized form, without deserializing the stored one (Spin resolves
 * the stored type name through the class loader on every read).
 */
public final class ChangedVariables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangedVariables() {
    }

    /** Returns how many variables were written. */
    public static int set(VariableScope scope, VariableMap values) {
        int written = 0;
        for (String name : values.keySet()) {
            TypedValue value = values.getValueTyped(name);
            if (scope.hasVariable(name) && unchanged(scope, name, value)) {
                continue;
            }
            scope.setVariable(name, value);
            written++;
        }
        return written;
    }

    private static boolean unchanged(VariableScope scope, String name, TypedValue value) {
        if (value instanceof ObjectValue object) {
            TypedValue stored = scope.getVariableTyped(name, false);
            if (!(stored instanceof ObjectValue old) || old.getValueSerialized() == null || !object.isDeserialized()) {
                return false;
            }
            try {
                return old.getValueSerialized().equals(JSON.writeValueAsString(object.getValue()))
                        && Objects.equals(old.getSerializationDataFormat(), object.getSerializationDataFormat());
            } catch (JsonProcessingException e) {
                return false;
            }
        }
        return Objects.equals(scope.getVariable(name), value.getValue());
    }
}
