package io.texium.scheduler.builtin.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a report's rows as CSV (RFC 4180), HTML (one escaped table) or xlsx (fastexcel). Text a spreadsheet could
 * take for a formula ({@code = + - @}, or a tab or CR first) is written with a leading apostrophe in CSV and xlsx.
 */
final class ReportDocuments {

    /** What a report is about: its period (since inclusive, until exclusive), scope and when it was made. */
    record Heading(Instant since, Instant until, String scope, Instant generatedAt) {
    }

    private ReportDocuments() {
    }

    /** RFC 4180: CRLF line ends, a header line, every field that needs it quoted, quotes doubled. UTF-8, no BOM. */
    static byte[] csv(List<ReportRow> rows) {
        var text = new StringBuilder();
        line(text, ReportRow.COLUMNS);
        for (ReportRow row : rows) {
            Object[] cells = row.cells();
            String[] fields = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                fields[i] = cells[i] instanceof String s ? guarded(s) : number(cells[i]);
            }
            line(text, fields);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A page with one table; every text is escaped, so a job name is only ever text. */
    static byte[] html(List<ReportRow> rows, Heading heading) {
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Texium Scheduler job report</title>\n")
                .append("<style>table{border-collapse:collapse}th,td{border:1px solid #999;padding:2px 6px}")
                .append("td.n{text-align:right}</style>\n</head>\n<body>\n<h1>Job report</h1>\n<p>")
                .append(escape(heading.since().toString())).append(" to ").append(escape(heading.until().toString()))
                .append(" (until exclusive), ").append(escape(heading.scope())).append(", generated ")
                .append(escape(heading.generatedAt().toString())).append("</p>\n<table>\n<thead><tr>");
        for (String column : ReportRow.COLUMNS) {
            page.append("<th>").append(escape(column)).append("</th>");
        }
        page.append("</tr></thead>\n<tbody>\n");
        for (ReportRow row : rows) {
            page.append("<tr>");
            for (Object cell : row.cells()) {
                if (cell instanceof String s) {
                    page.append("<td>").append(escape(s)).append("</td>");
                } else {
                    page.append("<td class=\"n\">").append(number(cell)).append("</td>");
                }
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n</body>\n</html>\n");
        return page.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One worksheet "Report": a bold header row, text as (guarded) strings, numbers as numbers, blanks for none. */
    static byte[] xlsx(List<ReportRow> rows, Heading heading) {
        var out = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(out, "Texium Scheduler", "1.0")) {
            workbook.properties().setTitle("Job report " + heading.since() + " to " + heading.until())
                    .setSubject(heading.scope());
            Worksheet sheet = workbook.newWorksheet("Report");
            for (int c = 0; c < ReportRow.COLUMNS.length; c++) {
                sheet.value(0, c, ReportRow.COLUMNS[c]);
                sheet.style(0, c).bold().set();
            }
            for (int r = 0; r < rows.size(); r++) {
                Object[] cells = rows.get(r).cells();
                for (int c = 0; c < cells.length; c++) {
                    if (cells[c] instanceof String s) {
                        sheet.value(r + 1, c, guarded(s));
                    } else if (cells[c] instanceof Number n) {
                        sheet.value(r + 1, c, n);
                    }
                }
            }
            sheet.freezePane(0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the xlsx report", e);
        }
        return out.toByteArray();
    }

    /** Text a spreadsheet would read as a formula gets a leading apostrophe (OWASP's CSV injection advice). */
    static String guarded(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /** An RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (or starts or ends with a space). */
    static String field(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0 || (!text.isEmpty() && (text.charAt(0) == ' ' || text.endsWith(" ")));
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    static String escape(String text) {
        var escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(ch);
            }
        }
        return escaped.toString();
    }

    private static void line(StringBuilder text, String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields[i]));
        }
        text.append("\r\n");
    }

    /** A number as plain digits (no exponent, no grouping); empty for none. */
    private static String number(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        return value.toString();
    }
}
