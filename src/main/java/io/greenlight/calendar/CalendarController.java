package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostRescheduling;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

@RestController
@Tag(name = "Calendar", description = "The content calendar: what goes out when, moving, repeating and pre-approving posts")
public class CalendarController {

    private final CalendarService calendar;
    private final BestTimes bestTimes;
    private final PostRescheduling rescheduling;
    private final Recurrence recurrence;
    private final BatchApproval batch;
    private final String defaultZone;

    public CalendarController(CalendarService calendar, BestTimes bestTimes, PostRescheduling rescheduling,
                              Recurrence recurrence, BatchApproval batch,
                              @Value("${greenlight.default-time-zone:UTC}") String defaultZone) {
        this.calendar = calendar;
        this.bestTimes = bestTimes;
        this.rescheduling = rescheduling;
        this.recurrence = recurrence;
        this.batch = batch;
        this.defaultZone = defaultZone;
    }

    public record RescheduleBody(OffsetDateTime scheduledAt) {
    }

    public record Rescheduled(String postId, String status, OffsetDateTime scheduledAt, boolean stillApproved, String message) {
    }

    public record RepeatBody(Integer every, String unit, LocalDate until) {
    }

    public record Repeated(List<String> postIds, String seriesId) {
    }

    public record ApprovalBody(List<String> taskIds, String comment, LocalDate from, LocalDate to) {
    }

    @GetMapping("/api/calendar")
    @Operation(summary = "Posts of a period (view month|week|day|list around date) in a zone; filters channel, campaign, region, author")
    public CalendarService.Calendar get(@RequestParam(defaultValue = "week") String view,
                                       @RequestParam(required = false) LocalDate date,
                                       @RequestParam(required = false) String zone,
                                       @RequestParam(required = false) String channel,
                                       @RequestParam(required = false) String campaign,
                                       @RequestParam(required = false) String region,
                                       @RequestParam(required = false) String author) {
        return calendar.build(CurrentUser.get(), CalendarPageController.view(view), date, zone(zone),
                CalendarFilter.of(channel, campaign, region, author));
    }

    @GetMapping("/api/calendar/best-times")
    @Operation(summary = "Best time of day per channel: from our metrics, else the network's default")
    public List<BestTimes.Suggestion> bestTimes(@RequestParam(required = false) String zone,
                                                @RequestParam(required = false) String channel) {
        return bestTimes.suggestions(zone(zone), channel == null || channel.isBlank() ? null : channel);
    }

    @PostMapping("/api/posts/{id}/reschedule")
    @Operation(summary = "Move a post to another time; an approved post moved by a non-manager goes back to review (the diagram decides)")
    public Rescheduled reschedule(@PathVariable String id, @RequestBody RescheduleBody body) {
        if (body == null) {
            throw UserFacingException.invalid("Send scheduledAt, e.g. {\"scheduledAt\":\"2026-12-01T09:00:00+01:00\"}.");
        }
        PostRescheduling.Moved moved = rescheduling.move(CurrentUser.get(), id, body.scheduledAt());
        Post p = moved.post();
        return new Rescheduled(p.getId(), p.getStatus().name(), p.getScheduledAt(), moved.stillApproved(), moved.message());
    }

    @PostMapping("/api/posts/{id}/repeat")
    @Operation(summary = "Repeat an approved post every N days or weeks until a date; each copy is submitted for approval")
    public Repeated repeat(@PathVariable String id, @RequestBody RepeatBody body) {
        if (body == null || body.every() == null || body.unit() == null) {
            throw UserFacingException.invalid("Send every, unit (days|weeks) and until.");
        }
        Recurrence.Unit unit;
        try {
            unit = Recurrence.Unit.valueOf(body.unit().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UserFacingException.invalid("unit: days or weeks.");
        }
        List<Post> created = recurrence.repeat(CurrentUser.get(), id, body.every(), unit, body.until());
        return new Repeated(created.stream().map(Post::getId).toList(), created.get(0).getSeriesId());
    }

    @PostMapping("/api/calendar/approvals")
    @Operation(summary = "Approve the given review tasks of a period in one action (each post keeps its own record)")
    public List<BatchApproval.Outcome> approve(@RequestBody ApprovalBody body) {
        if (body == null) {
            throw UserFacingException.invalid("Send taskIds, from and to.");
        }
        return batch.approve(CurrentUser.get(), body.taskIds(), body.comment(), body.from(), body.to());
    }

    private ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone == null || zone.isBlank() ? defaultZone : zone.strip());
        } catch (DateTimeException e) {
            throw UserFacingException.invalid("zone: '" + zone + "' is not an IANA time zone such as Europe/Berlin.");
        }
    }
}
