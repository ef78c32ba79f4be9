package io.greenlight.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * One dataset of the dashboards: what a chart draws, what its HTML table shows, and what its CSV export contains.
 *
 * @param key     stable name, used in {@code /insights/data/{key}.csv}
 * @param note    how the numbers are computed (shown under the chart and in the e-mail)
 * @param chart   how to draw it: {@code bar}, {@code line} or {@code none}; the first column labels the x axis
 * @param series  the columns (indexes) drawn as data series
 */
public record Table(String key, String title, String note, List<String> columns, List<List<Object>> rows,
                    String chart, List<Integer> series) {

    public String seriesAttribute() {
        return series.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** RFC 4180 CSV with a header row; numbers as plain decimals. */
    public String csv() {
        StringBuilder out = new StringBuilder();
        line(out, new ArrayList<>(columns));
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof Double d ? Numbers.plain(d) : value.toString();
        // a leading = + - @ would run as a formula in spreadsheets: quote it behind an apostrophe
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
