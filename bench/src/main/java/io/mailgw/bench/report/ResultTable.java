package io.mailgw.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The table a benchmark prints: one row per figure with its value, the goal beside it and
 * whether the goal is met. Printed as a Markdown table, so that it reads in a terminal and can be
 * pasted into {@code docs/benchmarks.md} as it is.
 */
public final class ResultTable {

    private static final String[] HEADER = {"figure", "value", "goal", "met"};

    private final String title;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public ResultTable(String title) {
        this.title = title;
    }

    /** A figure without a goal of its own (a peer's figure, a detail). */
    public ResultTable row(String figure, String value) {
        rows.add(new String[] {figure, value, "", ""});
        return this;
    }

    /** A figure with its goal; {@code met} is null when it cannot be judged (the run did not finish). */
    public ResultTable row(String figure, String value, String goal, Boolean met) {
        rows.add(new String[] {figure, value, goal, met == null ? "?" : met ? "yes" : "NO"});
        return this;
    }

    /** A line printed under the table: how a figure was measured, or what bounds it. */
    public ResultTable note(String note) {
        notes.add(note);
        return this;
    }

    public String render() {
        int[] widths = new int[HEADER.length];
        for (int column = 0; column < HEADER.length; column++) {
            widths[column] = HEADER[column].length();
            for (String[] row : rows) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder text = new StringBuilder("### ").append(title).append("\n\n");
        line(text, HEADER, widths);
        String[] rule = new String[HEADER.length];
        for (int column = 0; column < HEADER.length; column++) {
            rule[column] = "-".repeat(widths[column]);
        }
        line(text, rule, widths);
        rows.forEach(row -> line(text, row, widths));
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String[] cells, int[] widths) {
        text.append('|');
        for (int column = 0; column < cells.length; column++) {
            text.append(' ').append(cells[column]).append(" ".repeat(widths[column] - cells[column].length()))
                    .append(" |");
        }
        text.append('\n');
    }
}
