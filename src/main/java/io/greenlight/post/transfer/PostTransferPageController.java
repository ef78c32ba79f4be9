package io.greenlight.post.transfer;

import static io.greenlight.web.FormDates.date;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/** CSV import (all or nothing, row-by-row report) and export of posts. */
@PageController
@RequestMapping("/posts")
public class PostTransferPageController {

    private final PostCsv csv;
    private final String defaultZone;

    public PostTransferPageController(PostCsv csv, @Value("${greenlight.default-time-zone:UTC}") String defaultZone) {
        this.csv = csv;
        this.defaultZone = defaultZone;
    }

    @GetMapping("/import")
    public String form() {
        requireComposer();
        return "posts/import";
    }

    @PostMapping("/import")
    public String importCsv(@RequestParam(required = false) MultipartFile file,
                            @RequestParam(defaultValue = "false") boolean submit, Model model,
                            HttpServletResponse response) throws IOException {
        requireComposer();
        try {
            if (file == null || file.isEmpty()) {
                throw UserFacingException.invalid("file: choose a CSV file to import.");
            }
            PostCsv.Report report = csv.importCsv(CurrentUser.get(), file.getBytes(), submit);
            model.addAttribute("report", report);
            if (report.committed()) {
                model.addAttribute("flashSuccess", "Imported all " + report.imported() + " posts"
                        + (submit ? ", each submitted for approval." : " as drafts."));
            } else {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("flashError", "Nothing was imported: " + report.failed() + " of " + report.rows()
                        + " rows have problems. Fix them and import the file again.");
            }
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("flashError", "Nothing was imported: " + e.getMessage());
        }
        return "posts/import";
    }

    @GetMapping("/export.csv")
    public ResponseEntity<byte[]> export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String zone) {
        ZoneId z;
        try {
            z = ZoneId.of(zone == null || zone.isBlank() ? defaultZone : zone.strip());
        } catch (DateTimeException e) {
            throw UserFacingException.invalid("zone: '" + zone + "' is not an IANA time zone.");
        }
        LocalDate start = date(from, "from");
        LocalDate end = date(to, "to");
        String name = "greenlight-posts" + (start != null && end != null ? "-" + start + "-" + end : "") + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(csv.export(start, end, z).getBytes(StandardCharsets.UTF_8));
    }

    private static void requireComposer() {
        if (!CurrentUser.get().canCompose()) {
            throw UserFacingException.forbidden("Only members of 'creators' or 'managers' can import posts.");
        }
    }
}
