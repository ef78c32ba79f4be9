package io.greenlight.channel;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.TwitterTextParser;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** How a network counts the length of a text. Text is NFC-normalised first, as the networks do. */
public enum CountUnit {
    /** User-perceived characters (Unicode extended grapheme clusters, ICU4J). */
    GRAPHEMES("characters") {
        @Override
        int countNormalized(String text) {
            BreakIterator it = BreakIterator.getCharacterInstance();
            it.setText(text);
            int count = 0;
            while (it.next() != BreakIterator.DONE) {
                count++;
            }
            return count;
        }
    },
    /** UTF-16 code units, what JavaScript's String.length reports (TikTok, Facebook, LinkedIn). */
    UTF16("characters") {
        @Override
        int countNormalized(String text) {
            return text.length();
        }
    },
    /**
     * X's weighted length (twitter-text, configuration v3): most Latin characters 1, emoji and CJK 2, every URL 23
     * whatever its length; NFC first.
     */
    X_WEIGHTED("weighted characters") {
        @Override
        int countNormalized(String text) {
            return TwitterTextParser.parseTweet(text).weightedLength;
        }
    },
    /**
     * LinkedIn: UTF-16 code units of the text after "little text" escaping ({@link LittleText}), since the escapes
     * count against the limit.
     */
    LITTLE_TEXT("characters (escapes included)") {
        @Override
        int countNormalized(String text) {
            return LittleText.escape(text).length();
        }
    },
    /** UTF-8 bytes. */
    UTF8_BYTES("bytes") {
        @Override
        int countNormalized(String text) {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    },
    /**
     * Threads: user-perceived characters, but an emoji as the UTF-8 bytes of its whole sequence (😀 4, 👍🏽 8,
     * 👨‍👩‍👧 18), as Threads documents ("Emojis are counted as the number of UTF-8 bytes").
     */
    EMOJI_BYTES("characters (emoji as UTF-8 bytes)") {
        @Override
        int countNormalized(String text) {
            BreakIterator it = BreakIterator.getCharacterInstance();
            it.setText(text);
            int count = 0;
            int start = it.first();
            for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String cluster = text.substring(start, end);
                count += isEmoji(cluster) ? cluster.getBytes(StandardCharsets.UTF_8).length : 1;
            }
            return count;
        }
    };

    /**
     * An emoji as people see one: a character shown as emoji by default, a flag, a skin tone, or a character asked to
     * look like one (variation selector 16, keycap).
     */
    static boolean isEmoji(String cluster) {
        return cluster.codePoints().anyMatch(cp -> cp == 0xFE0F || cp == 0x20E3
                || UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_PRESENTATION)
                || UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR)
                || UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_MODIFIER));
    }

    private final String label;

    CountUnit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return countNormalized(Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    abstract int countNormalized(String text);
}
