package io.texium.scheduler.bench;

import java.util.ArrayList;
import java.util.List;

/** The bench's one Markdown table (figure, measured value, target, met, peer value, ratio) and its notes. */
final class ResultTable {

    /** One row; empty strings print as "—". */
    record Row(String figure, String value, String target, String met, String peer, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void row(String figure, String value) {
        rows.add(new Row(figure, value, "", "", "", ""));
    }

    void row(String figure, String value, String target, Boolean met) {
        rows.add(new Row(figure, value, target, met(met), "", ""));
    }

    void row(String figure, String value, String target, Boolean met, String peer, String ratio) {
        rows.add(new Row(figure, value, target, met(met), peer, ratio));
    }

    void note(String note) {
        notes.add(note);
    }

    /** Met when {@code value ≤ limit}; unknown (null) when either is not a number. */
    static Boolean atMost(double value, double limit) {
        return Double.isNaN(value) || Double.isNaN(limit) ? null : value <= limit;
    }

    static Boolean atLeast(double value, double limit) {
        return Double.isNaN(value) || Double.isNaN(limit) ? null : value >= limit;
    }

    /** {@code ours / theirs}, as "1.23×"; "n/a" when either is unknown or theirs is 0. */
    static String ratio(double ours, double theirs) {
        return Double.isNaN(ours) || Double.isNaN(theirs) || theirs == 0 ? "n/a" : String.format("%.2f×", ours / theirs);
    }

    String markdown() {
        var out = new StringBuilder();
        out.append("| Figure | Texium | Target | Met | Peer | Texium / peer |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(cell(r.figure())).append(" | ").append(cell(r.value())).append(" | ")
                    .append(cell(r.target())).append(" | ").append(cell(r.met())).append(" | ")
                    .append(cell(r.peer())).append(" | ").append(cell(r.ratio())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n");
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static String met(Boolean met) {
        return met == null ? "" : met ? "yes" : "**no**";
    }

    private static String cell(String text) {
        return text == null || text.isEmpty() ? "—" : text.replace("|", "\\|").replace("\n", " ");
    }
}
