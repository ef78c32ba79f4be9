package io.greenlight.post.transfer;

import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * CSV export and import of posts. One row per post; a channel's text and link are the columns {@code text:<channel>}
 * and {@code link:<channel>}. The import checks every row exactly as the composer does and imports <em>all or
 * nothing</em>: one bad row imports none and the report names each row's problems.
 */
@Service
public class PostCsv {

    static final int MAX_ROWS = 1000;
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final List<String> FIXED = List.of("id", "status", "author", "title", "campaign", "region", "scheduled_at", "time_zone");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PostService posts;
    private final TransferPosts transfer;
    private final TransactionTemplate tx;

    public PostCsv(PostService posts, TransferPosts transfer, PlatformTransactionManager transactions) {
        this.posts = posts;
        this.transfer = transfer;
        this.tx = new TransactionTemplate(transactions);
    }

    public record RowResult(long row, String title, List<String> errors, String postId) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public record Report(int rows, int imported, boolean committed, List<RowResult> results) {
        public long failed() {
            return results.stream().filter(r -> !r.ok()).count();
        }
    }

    // ------------------------------------------------------------------ export

    public String export(LocalDate from, LocalDate to, ZoneId zone) {
        List<Post> list = tx.execute(status -> {
            List<Post> found = from == null || to == null ? transfer.all(PageRequest.of(0, 5000))
                    : transfer.scheduledBetween(from.atStartOfDay(zone).toOffsetDateTime(),
                    to.plusDays(1).atStartOfDay(zone).toOffsetDateTime(), PageRequest.of(0, 5000));
            found.forEach(p -> p.getVariants().size());
            return found;
        });
        TreeSet<String> channels = new TreeSet<>();
        list.forEach(p -> channels.addAll(p.channels()));
        List<String> header = new ArrayList<>(FIXED);
        channels.forEach(c -> {
            header.add("text:" + c);
            header.add("link:" + c);
        });
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (Post p : list) {
                List<String> row = new ArrayList<>();
                ZoneId own = ZoneId.of(p.getTimeZone());
                row.add(p.getId());
                row.add(p.getStatus().name());
                row.add(p.getAuthor());
                row.add(p.getTitle());
                row.add(p.getCampaign());
                row.add(p.getRegion());
                row.add(p.getScheduledAt() == null ? "" : LOCAL.format(p.getScheduledAt().atZoneSameInstant(own)));
                row.add(p.getTimeZone());
                for (String c : channels) {
                    PostVariant v = p.variant(c).orElse(null);
                    row.add(v == null ? "" : safe(v.getText()));
                    row.add(v == null ? "" : v.getLink());
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Spreadsheets run a cell that starts with = + - @ as a formula: such texts get a leading apostrophe. */
    static String safe(String text) {
        if (text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    // ------------------------------------------------------------------ import

    public Report importCsv(CurrentUser user, byte[] bytes, boolean submit) {
        if (!user.canCompose()) {
            throw UserFacingException.forbidden("Only members of 'creators' or 'managers' can import posts.");
        }
        if (bytes == null || bytes.length == 0) {
            throw UserFacingException.invalid("file: choose a CSV file (it was empty).");
        }
        if (bytes.length > MAX_BYTES) {
            throw UserFacingException.invalid("file: at most 5 MB.");
        }
        String text = utf8(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CSVRecord> records;
        List<String> header;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setIgnoreHeaderCase(true).get().parse(new StringReader(text))) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw UserFacingException.invalid("file: this is not a readable CSV file (" + e.getMessage() + ").");
        }
        if (header.stream().noneMatch(h -> h.equalsIgnoreCase("title"))) {
            throw UserFacingException.invalid("file: the first line must name the columns, at least title and text:<channel> "
                    + "(e.g. title,scheduled_at,time_zone,text:local).");
        }
        List<String> unknown = header.stream().filter(h -> !FIXED.contains(h.toLowerCase(Locale.ROOT))
                && !h.toLowerCase(Locale.ROOT).startsWith("text:") && !h.toLowerCase(Locale.ROOT).startsWith("link:")).toList();
        if (!unknown.isEmpty()) {
            throw UserFacingException.invalid("file: unknown columns " + unknown + "; use " + FIXED
                    + ", text:<channel> and link:<channel>.");
        }
        if (records.isEmpty()) {
            throw UserFacingException.invalid("file: there are no rows under the header.");
        }
        if (records.size() > MAX_ROWS) {
            throw UserFacingException.invalid("file: at most " + MAX_ROWS + " rows at once (it has " + records.size() + ").");
        }
        List<RowResult> results = new ArrayList<>();
        Boolean committed = tx.execute(status -> {
            for (CSVRecord r : records) {
                long row = r.getRecordNumber() + 1;
                String title = value(r, "title");
                try {
                    PostCommand command = command(r, header);
                    Post post = posts.create(user, command);
                    if (submit) {
                        posts.submit(user, post.getId());
                    }
                    results.add(new RowResult(row, title, List.of(), post.getId()));
                } catch (UserFacingException e) {
                    results.add(new RowResult(row, title, e.errors().isEmpty() ? List.of(e.getMessage()) : e.errors(), null));
                }
            }
            if (results.stream().anyMatch(x -> !x.ok())) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        boolean done = Boolean.TRUE.equals(committed);
        List<RowResult> reported = done ? results
                : results.stream().map(x -> new RowResult(x.row(), x.title(), x.errors(), null)).toList();
        return new Report(records.size(), done ? records.size() : 0, done, reported);
    }

    private static PostCommand command(CSVRecord r, List<String> header) {
        List<String> errors = new ArrayList<>();
        String zone = value(r, "time_zone");
        ZoneId z = ZoneId.of("UTC");
        if (zone != null) {
            try {
                z = ZoneId.of(zone);
            } catch (DateTimeException e) {
                errors.add("time_zone: '" + zone + "' is not an IANA time zone such as Europe/Berlin.");
            }
        }
        java.time.OffsetDateTime at = null;
        String when = value(r, "scheduled_at");
        if (when != null) {
            try {
                at = LocalDateTime.parse(when.replace('T', ' '), LOCAL).atZone(z).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                errors.add("scheduled_at: '" + when + "' is not a date and time such as 2026-12-01 09:30.");
            }
        }
        List<VariantContent> variants = new ArrayList<>();
        for (String h : header) {
            if (h.toLowerCase(Locale.ROOT).startsWith("text:")) {
                String channel = h.substring(5).strip();
                String text = value(r, h);
                String link = null;
                for (String l : header) {
                    if (l.equalsIgnoreCase("link:" + channel)) {
                        link = value(r, l);
                    }
                }
                if (text != null || link != null) {
                    variants.add(new VariantContent(channel, text == null ? "" : text, link));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(errors.get(0), errors);
        }
        return new PostCommand(value(r, "title"), value(r, "campaign"), at, zone, variants, null, value(r, "region"),
                null, null, null);
    }

    private static String value(CSVRecord r, String column) {
        Map<String, String> map = r.toMap();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                String v = e.getValue();
                return v == null || v.isBlank() ? null : v;
            }
        }
        return null;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw UserFacingException.invalid("file: save the CSV as UTF-8 (it has bytes that are not UTF-8).");
        }
    }
}
