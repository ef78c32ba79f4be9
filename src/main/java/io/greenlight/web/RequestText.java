package io.greenlight.web;

/**
 * The one rule for text that arrives in a request (JSON bodies, form fields, query parameters, path segments):
 * no control characters other than tab, line feed and carriage return. NUL in particular cannot be stored by
 * PostgreSQL, and the others are invisible in every page. {@link StrictJson} applies it to JSON bodies,
 * {@link RequestTextInterceptor} to parameters and paths.
 */
public final class RequestText {

    private RequestText() {
    }

    /** The index of the first forbidden control character, or -1. */
    public static int firstControlCharacter(CharSequence s) {
        if (s == null) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    public static boolean hasControlCharacter(CharSequence s) {
        return firstControlCharacter(s) >= 0;
    }

    /** "title: contains an invisible control character (U+0000) ..." — in the "field: problem" form pages and /api use. */
    public static String problem(String field, CharSequence value) {
        int at = firstControlCharacter(value);
        String code = String.format("U+%04X", (int) value.charAt(at));
        String where = at == 0 ? "at the start" : "after \"" + excerpt(value, at) + "\"";
        return field + ": contains an invisible control character (" + code + (code.equals("U+0000") ? ", NUL" : "")
                + ") " + where + " that cannot be stored. Remove it, e.g. by typing the text again instead of pasting it.";
    }

    private static String excerpt(CharSequence value, int at) {
        int from = Math.max(0, at - 20);
        StringBuilder b = new StringBuilder();
        for (int i = from; i < at; i++) {
            char c = value.charAt(i);
            b.append(c < 0x20 ? ' ' : c);
        }
        return (from > 0 ? "…" : "") + b;
    }
}
