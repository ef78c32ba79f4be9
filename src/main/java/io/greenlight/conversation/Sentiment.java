package io.greenlight.conversation;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deliberately small word-list sentiment: enough to sort the inbox and feed the triage table and the crisis signal,
 * not a language model. {@code negative} when negative words outweigh positive ones, {@code positive} the other way.
 */
final class Sentiment {

    static final String NEGATIVE = "negative";
    static final String NEUTRAL = "neutral";
    static final String POSITIVE = "positive";

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Set<String> BAD = Set.of("bad", "terrible", "awful", "worst", "broken", "angry", "hate", "scam",
            "refund", "disappointed", "disappointing", "useless", "horrible", "never", "complaint", "fraud", "unacceptable",
            "rude", "late", "wrong", "poor", "fail", "failed", "fails", "boycott", "disgusting", "shame", "lawsuit");
    private static final Set<String> GOOD = Set.of("good", "great", "love", "thanks", "thank", "awesome", "amazing",
            "excellent", "happy", "nice", "perfect", "wonderful", "fantastic", "helpful", "congrats", "brilliant");

    private Sentiment() {
    }

    static String of(String text) {
        if (text == null) {
            return NEUTRAL;
        }
        int score = 0;
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (BAD.contains(w)) {
                score--;
            } else if (GOOD.contains(w)) {
                score++;
            }
        }
        return score < 0 ? NEGATIVE : score > 0 ? POSITIVE : NEUTRAL;
    }
}
