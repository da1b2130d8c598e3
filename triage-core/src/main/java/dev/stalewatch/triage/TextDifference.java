package dev.stalewatch.triage;

/** Locates the first differing line of two texts that must match byte for byte. */
final class TextDifference {

    private TextDifference() {}

    static Difference firstDifference(String where, String oldText, String newText) {
        int index = 0;
        int limit = Math.min(oldText.length(), newText.length());
        while (index < limit && oldText.charAt(index) == newText.charAt(index)) {
            index++;
        }
        int line = lineAt(oldText, index);
        return new Difference(where, line, lineAt(newText, index), "text changed");
    }

    private static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0; i < Math.min(index, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
