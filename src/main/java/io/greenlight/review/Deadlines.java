package io.greenlight.review;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * {@code ${deadlines}}: due dates and reminder times for review stages, from the engine's clock.
 * <ul>
 *   <li>{@code ${deadlines.reviewDue()}}: now + the review SLA ({@code greenlight.review.sla}, default 24 h);</li>
 *   <li>{@code ${deadlines.reviewDue('PT48H')}}: now + a stage's own SLA;</li>
 *   <li>{@code ${deadlines.reminder()}} / {@code ${deadlines.reminder('PT48H')}}: when to remind — half-way when the
 *       SLA is two days or less, otherwise one day before the due date.</li>
 * </ul>
 * Evaluated when the task starts, so the task's due date and its timers agree.
 */
@Component("deadlines")
public class Deadlines {

    private static final Duration TWO_DAYS = Duration.ofDays(2);

    private final Duration defaultSla;

    public Deadlines(@Value("${greenlight.review.sla:PT24H}") Duration defaultSla) {
        this.defaultSla = defaultSla;
    }

    public Date reviewDue() {
        return reviewDue(defaultSla);
    }

    public Date reviewDue(String sla) {
        return reviewDue(parse(sla));
    }

    public Date reminder() {
        return reminder(defaultSla);
    }

    public Date reminder(String sla) {
        return reminder(parse(sla));
    }

    Date reviewDue(Duration sla) {
        return new Date(ClockUtil.getCurrentTime().getTime() + sla.toMillis());
    }

    Date reminder(Duration sla) {
        Duration before = sla.compareTo(TWO_DAYS) <= 0 ? sla.dividedBy(2) : sla.minus(Duration.ofDays(1));
        return new Date(ClockUtil.getCurrentTime().getTime() + before.toMillis());
    }

    private static Duration parse(String sla) {
        try {
            Duration d = Duration.parse(sla);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("A review SLA must be positive: " + sla);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + sla + "' is not an ISO-8601 duration such as PT24H or P2D", e);
        }
    }
}
