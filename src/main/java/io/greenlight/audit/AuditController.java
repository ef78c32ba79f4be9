package io.greenlight.audit;

import io.greenlight.insights.InsightsFilter;
import io.greenlight.insights.Table;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.engine.UserFacingException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit export for analysts and managers: {@code GET /api/audit?post=ID} or {@code ?from=2026-11-01&to=2026-11-30}
 * (both may be combined), {@code format=csv} (default) or {@code json}.
 */
@RestController
public class AuditController {

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/audit")
    public ResponseEntity<?> export(@RequestParam(required = false) String post, @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(defaultValue = "csv") String format) {
        CurrentUser user = CurrentUser.get();
        if (user == null || !(user.in(Groups.ANALYSTS) || user.isManager())) {
            throw UserFacingException.forbidden("The audit export is for analysts and managers.");
        }
        if (!format.equals("csv") && !format.equals("json")) {
            throw UserFacingException.invalid("'format' must be csv or json.");
        }
        if ((post == null || post.isBlank()) && (from == null || from.isBlank())) {
            throw UserFacingException.invalid("Name a post (post=…) or a period (from=…&to=…).");
        }
        if (post != null && post.length() > 36) {
            throw UserFacingException.invalid("'post' is not a post id.");
        }
        InsightsFilter period = from == null || from.isBlank() ? null : InsightsFilter.of(from, to, null, null);
        List<AuditTrail.Event> events = trail.events(post == null || post.isBlank() ? null : post.strip(),
                period == null ? null : period.start(), period == null ? null : period.end());
        String name = "greenlight-audit-" + (post != null && !post.isBlank() ? post.strip()
                : period.from() + "-" + period.to());
        if (format.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".json").build().toString())
                    .body(events);
        }
        List<List<Object>> rows = new ArrayList<>();
        events.forEach(e -> rows.add(AuditTrail.row(e)));
        Table table = new Table("audit", "Audit", "", AuditTrail.COLUMNS, rows, "none", List.of());
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .body(table.csv());
    }
}
