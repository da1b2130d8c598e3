package dev.stalewatch.triage;

/**
 * The first difference found. {@code where} is "source" or the dep name; a line is 0 where it does
 * not apply (e.g. a dep that exists on one side only).
 */
public record Difference(String where, int oldLine, int newLine, String description) {

    public static final String SOURCE = "source";

    public static Difference of(String where, TreeDifference tree) {
        return new Difference(where, tree.oldLine(), tree.newLine(), tree.description());
    }

    @Override
    public String toString() {
        return where + " (old line " + oldLine + ", new line " + newLine + "): " + description;
    }
}
