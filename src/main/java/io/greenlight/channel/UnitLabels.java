package io.greenlight.channel;

import org.springframework.stereotype.Component;

/** For pages: {@code ${@units.label(unit)}} says "characters" or "bytes" for a count unit name such as GRAPHEMES. */
@Component("units")
public class UnitLabels {

    public String label(String unit) {
        try {
            return unit == null ? "characters" : CountUnit.valueOf(unit).label();
        } catch (IllegalArgumentException e) {
            return "characters";
        }
    }
}
