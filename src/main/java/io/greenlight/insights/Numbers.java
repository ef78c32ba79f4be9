package io.greenlight.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formatting of durations and ratios for pages, CSV and e-mail. */
public final class Numbers {

    private Numbers() {
    }

    /** Hours with one decimal (durations are stored and exported in hours). */
    public static Double hours(Number millis) {
        if (millis == null) {
            return null;
        }
        return BigDecimal.valueOf(millis.doubleValue() / 3_600_000d).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    public static Double ratio(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(100d * part / whole).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    public static Double round(Double value, int scale) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
    }

    static String plain(Double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
