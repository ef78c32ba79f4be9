package io.greenlight.web;

import io.greenlight.engine.UserFacingException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A date typed into a page's form or query ({@code 2026-12-24}); refused with the field's name when it is not one. */
public final class FormDates {

    private FormDates() {
    }

    /** The date, or null when the field is empty; 400 "{field}: '…' is not a date such as 2026-12-24." otherwise. */
    public static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw UserFacingException.invalid(field + ": '" + value + "' is not a date such as 2026-12-24.");
        }
    }
}
