package io.greenlight.channel;

/**
 * LinkedIn's "little text" format (the {@code commentary} of the Posts API): the characters
 * {@code \ | { } @ [ ] ( ) < > # * _ ~} are markup and must be backslash-escaped, or LinkedIn silently truncates the
 * post at the first unescaped one. The escapes count against the 3,000-character limit.
 */
public final class LittleText {

    private static final String RESERVED = "\\|{}@[]()<>#*_~";

    private LittleText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
