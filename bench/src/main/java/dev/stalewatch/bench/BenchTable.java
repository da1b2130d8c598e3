package dev.stalewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one result table: scenario, figure, value, the baseline measured in the same run, ratio, target and
 * whether the target was met. Printed as aligned text and written as Markdown.
 */
public final class BenchTable {

    /** Whether a row's target was met; {@code INFO} rows carry no target. */
    public enum Outcome {
        MET("met"), MISSED("MISSED"), INFO("");

        final String label;

        Outcome(String label) {
            this.label = label;
        }

        public static Outcome of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    public record Row(String scenario, String figure, String value, String baseline, String ratio, String target,
            Outcome outcome) {
    }

    private static final String[] HEADERS = {"scenario", "figure", "value", "baseline (same run)", "ratio", "target",
        "met?"};

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public synchronized void add(Row row) {
        rows.add(row);
    }

    public void add(String scenario, String figure, String value, String baseline, String ratio, String target,
            Outcome outcome) {
        add(new Row(scenario, figure, value, baseline, ratio, target, outcome));
    }

    public synchronized void note(String note) {
        notes.add(note);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Aligned plain text for the terminal. */
    public synchronized String text() {
        int[] widths = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            widths[i] = HEADERS[i].length();
        }
        for (Row row : rows) {
            String[] cells = cells(row);
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADERS, widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.append(rule).append('\n');
        for (Row row : rows) {
            line(out, cells(row), widths);
        }
        for (String note : notes) {
            out.append("* ").append(note).append('\n');
        }
        return out.toString();
    }

    /** A Markdown table (pipes in cells escaped), then the notes as a list. */
    public synchronized String markdown(String heading) {
        StringBuilder out = new StringBuilder();
        if (heading != null && !heading.isBlank()) {
            out.append(heading).append("\n\n");
        }
        out.append('|');
        for (String header : HEADERS) {
            out.append(' ').append(header).append(" |");
        }
        out.append("\n|");
        for (int i = 0; i < HEADERS.length; i++) {
            out.append("---|");
        }
        out.append('\n');
        for (Row row : rows) {
            out.append('|');
            for (String cell : cells(row)) {
                out.append(' ').append(cell.isEmpty() ? "—" : escape(cell)).append(" |");
            }
            out.append('\n');
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            for (String note : notes) {
                out.append("- ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    public void writeMarkdown(Path file, String heading) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown(heading), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] cells(Row row) {
        return new String[] {nz(row.scenario()), nz(row.figure()), nz(row.value()), nz(row.baseline()),
            nz(row.ratio()), nz(row.target()), row.outcome() == null ? "" : row.outcome().label};
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : "  ").append(cells[i]).append(" ".repeat(widths[i] - cells[i].length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
