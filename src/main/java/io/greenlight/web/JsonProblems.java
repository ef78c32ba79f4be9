package io.greenlight.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What was wrong with an unreadable JSON body, said for people and naming the field ("variants[0].text"). */
final class JsonProblems {

    private JsonProblems() {
    }

    record Problem(String detail, List<String> errors) {
    }

    static Problem explain(Throwable cause) {
        if (cause instanceof StrictJson.ControlCharacterException cc) {
            String error = RequestText.problem(path(cc), cc.text());
            return new Problem(error.substring(0, 1).toUpperCase() + error.substring(1), List.of(error));
        }
        if (cause instanceof JsonMappingException de && de.getCause() instanceof InputCoercionException) {
            return field(path(de), "the number is out of range.");
        }
        if (cause instanceof InvalidFormatException ife && !ife.getPath().isEmpty()) {
            Class<?> target = ife.getTargetType();
            String expected = target != null && Temporal.class.isAssignableFrom(target)
                    ? " (expected " + example(target) + ")." : ".";
            String value = String.valueOf(ife.getValue());
            value = value.length() > 60 ? value.substring(0, 60) + "…" : value;
            return field(path(ife), "the value '" + value + "' is not valid" + expected);
        }
        if (cause instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            return field(path(mie), "must be " + expectation(mie.getTargetType()) + ".");
        }
        if (cause instanceof StreamConstraintsException) {
            return new Problem("The request body is too large or too deeply nested.", List.of());
        }
        if (cause instanceof JsonParseException || cause instanceof JsonMappingException) {
            return new Problem("The request body is not valid JSON for this operation.", List.of());
        }
        return new Problem("The request body is not valid JSON for this operation.", List.of());
    }

    private static Problem field(String path, String what) {
        String error = path + ": " + what;
        return new Problem("Field '" + path + "' " + (what.startsWith("must") ? what : "is wrong: " + what), List.of(error));
    }

    /** "variants[0].text" from Jackson's reference chain. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "body" : b.toString();
    }

    private static String expectation(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == String.class || target == ZoneId.class || target.isEnum()) {
            return "text in quotes";
        }
        if (Temporal.class.isAssignableFrom(target)) {
            return "text in quotes: " + example(target);
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != char.class)) {
            return "a number without quotes";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "a list [ ... ]";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord() || !target.getName().startsWith("java.")) {
            return "an object { ... }";
        }
        return "of another type";
    }

    private static String example(Class<?> target) {
        if (target == LocalDate.class) {
            return "a date such as 2026-12-01";
        }
        if (target == LocalTime.class) {
            return "a time such as 09:00";
        }
        return "a date and time with offset such as 2026-12-01T09:00:00+01:00";
    }
}
