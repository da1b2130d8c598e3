package dev.stalewatch.snapshot.page;

import java.util.List;

/** One line of a unified diff with how the page marks it. */
public record DiffLine(String kind, String text) {

    /** Marks each line: {@code add}, {@code del}, {@code hunk}, {@code file} or {@code ctx}. */
    public static List<DiffLine> of(String unifiedDiff) {
        if (unifiedDiff == null || unifiedDiff.isEmpty()) {
            return List.of();
        }
        return unifiedDiff.lines().map(DiffLine::classify).toList();
    }

    private static DiffLine classify(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return new DiffLine("file", line);
        }
        if (line.startsWith("@@")) {
            return new DiffLine("hunk", line);
        }
        if (line.startsWith("+")) {
            return new DiffLine("add", line);
        }
        if (line.startsWith("-")) {
            return new DiffLine("del", line);
        }
        return new DiffLine("ctx", line);
    }
}
