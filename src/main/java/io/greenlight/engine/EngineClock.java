package io.greenlight.engine;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The engine's clock, so timers, due dates and our timestamps agree (tests move it with ClockUtil). */
public final class EngineClock {

    private EngineClock() {
    }

    public static OffsetDateTime now() {
        return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
    }
}
