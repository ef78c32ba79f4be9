package io.greenlight.process;

import io.greenlight.engine.EngineClock;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What happened to the procedure's files lately (deployed, rejected, written back from Modeler, live newer than the
 * files), for the log and the process pages. In memory, the latest {@value #KEEP}.
 */
@Component
public class DeploymentEvents {

    static final int KEEP = 50;

    public enum Kind { DEPLOYED, UNCHANGED, REJECTED, WRITTEN_BACK, LIVE_NEWER_THAN_FILES }

    public record Event(OffsetDateTime at, Kind kind, String trigger, String message, List<String> problems) {
        public boolean problem() {
            return kind == Kind.REJECTED || kind == Kind.LIVE_NEWER_THAN_FILES;
        }
    }

    private final Deque<Event> events = new ConcurrentLinkedDeque<>();

    public void record(Kind kind, String trigger, String message, List<String> problems) {
        events.addFirst(new Event(EngineClock.now(), kind, trigger, message, List.copyOf(problems)));
        while (events.size() > KEEP) {
            events.pollLast();
        }
    }

    /** Newest first. */
    public List<Event> recent() {
        return new ArrayList<>(events);
    }

    /** The newest event, when it is a problem the page must show (a later good deployment clears it). */
    public Event currentProblem() {
        Event latest = events.peekFirst();
        return latest != null && latest.problem() ? latest : null;
    }
}
