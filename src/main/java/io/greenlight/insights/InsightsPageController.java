package io.greenlight.insights;

import io.greenlight.engine.ProcessBindings;
import io.greenlight.process.ProcessPages;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;

/**
 * The Insights dashboards for {@code analysts} and {@code managers}: approval bottlenecks from the engine's history,
 * posts stuck now (one click to Cockpit), the diagram as a heat map, content KPIs; every chart's data as CSV; the
 * weekly e-mail subscription.
 */
@PageController
@RequestMapping("/insights")
public class InsightsPageController {

    private final InsightsDashboard dashboards;
    private final ReportSubscriptions subscriptions;
    private final ProcessPages processes;

    public InsightsPageController(InsightsDashboard dashboards, ReportSubscriptions subscriptions, ProcessPages processes) {
        this.dashboards = dashboards;
        this.subscriptions = subscriptions;
        this.processes = processes;
    }

    /** Analysts and managers (administrators are managers). */
    static CurrentUser requireReader() {
        CurrentUser user = CurrentUser.get();
        if (user == null || !(user.in(Groups.ANALYSTS) || user.isManager())) {
            throw UserFacingException.forbidden("Insights are for analysts and managers.");
        }
        return user;
    }

    /** One read-only transaction for the page's queries: one snapshot and one commit, not one per statement. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    @GetMapping
    public String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String campaign, @RequestParam(required = false) String region,
                       Model model) {
        CurrentUser user = requireReader();
        InsightsFilter filter = InsightsFilter.of(from, to, campaign, region);
        model.addAttribute("d", dashboards.build(filter));
        model.addAttribute("filter", filter);
        model.addAttribute("durations", Durations.INSTANCE);
        model.addAttribute("subscribed", subscriptions.isSubscribed(user.id()));
        model.addAttribute("email", subscriptions.emailOf(user.id()));
        return "insights/index";
    }

    /** One chart's data as CSV, with the same filters as the page. */
    @GetMapping("/export/{key}")
    public ResponseEntity<String> csv(@PathVariable String key, @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String campaign,
                                      @RequestParam(required = false) String region) {
        requireReader();
        InsightsFilter filter = InsightsFilter.of(from, to, campaign, region);
        Table table = key.length() > 40 ? null : dashboards.table(filter, key).orElse(null);
        if (table == null) {
            throw UserFacingException.notFound("There is no chart '" + key + "'.");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("greenlight-" + key + "-" + filter.from() + "-" + filter.to() + ".csv").build().toString())
                .body(table.csv());
    }

    /** The latest post-approval diagram, for the heat map. */
    @GetMapping(value = "/diagram", produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<String> diagram() {
        requireReader();
        ProcessDefinition latest = processes.latest(ProcessBindings.POST_PROCESS);
        if (latest == null) {
            throw UserFacingException.notFound("The post-approval process is not deployed.");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(processes.xml(latest.getId()));
    }

    @PostMapping("/subscription")
    public String subscription(@RequestParam(defaultValue = "true") boolean subscribe, RedirectAttributes redirect) {
        CurrentUser user = requireReader();
        if (subscribe) {
            if (subscriptions.emailOf(user.id()) == null) {
                throw UserFacingException.invalid("Your profile has no e-mail address. Add one (Camunda Admin → your"
                        + " profile, or ask an administrator), then subscribe.");
            }
            subscriptions.subscribe(user.id());
            redirect.addFlashAttribute("flashSuccess", "You will receive the insights report by e-mail every Monday.");
        } else {
            subscriptions.unsubscribe(user.id());
            redirect.addFlashAttribute("flashSuccess", "You no longer receive the weekly insights report.");
        }
        return "redirect:/insights";
    }
}
