package io.greenlight.calendar;

import static io.greenlight.web.FormDates.date;

import io.greenlight.channel.ChannelRepository;
import io.greenlight.post.CampaignRepository;
import io.greenlight.post.Post;
import io.greenlight.post.PostRescheduling;
import io.greenlight.post.PostService;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The content calendar, moving posts on it, repeating a post, and pre-approving a period in one action. */
@PageController
@RequestMapping("/calendar")
public class CalendarPageController {

    private final CalendarService calendar;
    private final PostRescheduling rescheduling;
    private final BatchApproval batch;
    private final Recurrence recurrence;
    private final PostService posts;
    private final ChannelRepository channels;
    private final CampaignRepository campaigns;
    private final String defaultZone;

    public CalendarPageController(CalendarService calendar, PostRescheduling rescheduling, BatchApproval batch,
                                  Recurrence recurrence, PostService posts, ChannelRepository channels,
                                  CampaignRepository campaigns,
                                  @Value("${greenlight.default-time-zone:UTC}") String defaultZone) {
        this.calendar = calendar;
        this.rescheduling = rescheduling;
        this.batch = batch;
        this.recurrence = recurrence;
        this.posts = posts;
        this.channels = channels;
        this.campaigns = campaigns;
        this.defaultZone = defaultZone;
    }

    /** One read-only transaction for the whole page: its queries see one snapshot and cost one commit, not one each. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    @GetMapping
    public String show(@RequestParam(defaultValue = "week") String view, @RequestParam(required = false) String date,
                       @RequestParam(required = false) String zone, @RequestParam(required = false) String channel,
                       @RequestParam(required = false) String campaign, @RequestParam(required = false) String region,
                       @RequestParam(required = false) String author, Model model) {
        CalendarService.View v = view(view);
        ZoneId z = zone(zone);
        CalendarFilter filter = CalendarFilter.of(channel, campaign, region, author);
        CurrentUser user = CurrentUser.get();
        CalendarService.Calendar cal = calendar.build(user, v, date(date, "date"), z, filter);
        model.addAttribute("cal", cal);
        model.addAttribute("hours", HourGrid.of(cal));
        model.addAttribute("filter", filter);
        model.addAttribute("zoneId", z.getId());
        model.addAttribute("zoneGiven", zone != null && !zone.isBlank());
        model.addAttribute("channels", channels.findAllByOrderByNameAsc());
        model.addAttribute("campaigns", campaigns.findAll(org.springframework.data.domain.Sort.by("name")));
        model.addAttribute("regions", calendar.regions());
        model.addAttribute("authors", calendar.authors());
        model.addAttribute("zones", new TreeSet<>(ZoneId.getAvailableZoneIds()));
        model.addAttribute("isManager", user.isManager());
        model.addAttribute("canCompose", user.canCompose());
        model.addAttribute("weekdays", List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"));
        return "calendar/show";
    }

    /** Drag and drop (or the move form): the post goes to {@code date} at {@code time}, read in the viewer's zone. */
    @PostMapping("/move")
    public String move(@RequestParam String postId, @RequestParam String date, @RequestParam(required = false) String time,
                       @RequestParam(required = false) String zone, @RequestParam(required = false) String view,
                       @RequestParam(required = false) String channel, @RequestParam(required = false) String campaign,
                       @RequestParam(required = false) String region, @RequestParam(required = false) String author,
                       RedirectAttributes redirect) {
        // the filters only say which calendar to show again; the page never writes values this long
        if (java.util.stream.Stream.of(view, channel, campaign, region, author).anyMatch(f -> f != null && f.length() > 200)) {
            throw UserFacingException.invalid("The calendar's filters in this form are too long. Reload the calendar and move the post again.");
        }
        ZoneId z = zone(zone);
        LocalDate day = date(date, "date");
        String back = back(view, date, z, channel, campaign, region, author);
        if (day == null) {
            redirect.addFlashAttribute("flashError", "Pick the day to move the post to.");
            return "redirect:" + back;
        }
        LocalTime at;
        try {
            at = time == null || time.isBlank() ? LocalTime.of(9, 0) : LocalTime.parse(time.strip());
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("flashError", "'" + time + "' is not a time such as 09:30.");
            return "redirect:" + back;
        }
        try {
            PostRescheduling.Moved moved = rescheduling.move(CurrentUser.get(), postId, day.atTime(at).atZone(z).toOffsetDateTime());
            redirect.addFlashAttribute("flashSuccess", moved.message());
        } catch (UserFacingException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", "Not moved: " + e.getMessage());
        }
        return "redirect:" + back;
    }

    @GetMapping("/approvals")
    public String approvals(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String zone, Model model) {
        ZoneId z = zone(zone);
        LocalDate start = date(from, "from");
        LocalDate end = date(to, "to");
        if (start == null) {
            start = io.greenlight.engine.EngineClock.now().atZoneSameInstant(z).toLocalDate();
        }
        if (end == null) {
            end = start.plusDays(13);
        }
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("zoneId", z.getId());
        model.addAttribute("candidates", batch.candidates(CurrentUser.get(), start, end, z));
        return "calendar/approvals";
    }

    @PostMapping("/approvals")
    public String approve(@RequestParam(name = "taskId", required = false) List<String> taskIds,
                          @RequestParam(required = false) String comment, @RequestParam String from,
                          @RequestParam String to, @RequestParam(required = false) String zone, Model model) {
        ZoneId z = zone(zone);
        LocalDate start = date(from, "from");
        LocalDate end = date(to, "to");
        List<BatchApproval.Outcome> outcomes = batch.approve(CurrentUser.get(), taskIds, comment, start, end);
        long ok = outcomes.stream().filter(BatchApproval.Outcome::approved).count();
        if (ok == outcomes.size()) {
            model.addAttribute("flashSuccess", "Approved " + ok + (ok == 1 ? " post" : " posts") + ". Each keeps its own approval record.");
        } else {
            model.addAttribute("flashError", "Approved " + ok + " of " + outcomes.size() + " posts; see why below.");
        }
        model.addAttribute("outcomes", outcomes);
        return approvals(from, to, z.getId(), model);
    }

    @GetMapping("/repeat/{postId}")
    public String repeatForm(@PathVariable String postId, Model model) {
        Post post = posts.get(postId);
        model.addAttribute("post", post);
        model.addAttribute("until", post.getScheduledAt() == null ? null
                : post.getScheduledAt().toLocalDate().plusWeeks(4));
        return "calendar/repeat";
    }

    @PostMapping("/repeat/{postId}")
    public String repeat(@PathVariable String postId, @RequestParam(defaultValue = "1") String every,
                         @RequestParam(defaultValue = "WEEKS") String unit, @RequestParam(required = false) String until,
                         Model model, RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        try {
            int n;
            try {
                n = Integer.parseInt(every.strip());
            } catch (NumberFormatException e) {
                throw UserFacingException.invalid("every: '" + every + "' is not a number.");
            }
            Recurrence.Unit u;
            try {
                u = Recurrence.Unit.valueOf(unit.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw UserFacingException.invalid("unit: days or weeks.");
            }
            List<Post> created = recurrence.repeat(CurrentUser.get(), postId, n, u, date(until, "until"));
            redirect.addFlashAttribute("flashSuccess", "Created " + created.size() + " more posts of this series, each submitted "
                    + "for approval. Reviewers can pre-approve them together.");
            Post first = created.get(0);
            return "redirect:/calendar?view=list&date=" + first.getScheduledAt().toLocalDate();
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("flashError", "No posts were created: " + e.getMessage());
            repeatForm(postId, model);
            model.addAttribute("every", every);
            return "calendar/repeat";
        }
    }

    private String back(String view, String date, ZoneId zone, String channel, String campaign, String region, String author) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/calendar")
                .queryParam("view", view(view).name().toLowerCase(Locale.ROOT)).queryParam("zone", zone.getId());
        LocalDate d = date(date, "date");
        if (d != null) {
            b.queryParam("date", d);
        }
        CalendarFilter f = CalendarFilter.of(channel, campaign, region, author);
        if (f.channel() != null) b.queryParam("channel", f.channel());
        if (f.campaign() != null) b.queryParam("campaign", f.campaign());
        if (f.region() != null) b.queryParam("region", f.region());
        if (f.author() != null) b.queryParam("author", f.author());
        return b.encode().build().toUriString();
    }

    static CalendarService.View view(String view) {
        try {
            return view == null ? CalendarService.View.WEEK : CalendarService.View.valueOf(view.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UserFacingException.invalid("view: month, week, day or list.");
        }
    }

    ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone == null || zone.isBlank() ? defaultZone : zone.strip());
        } catch (DateTimeException e) {
            throw UserFacingException.invalid("zone: '" + zone + "' is not an IANA time zone such as Europe/Berlin.");
        }
    }
}
