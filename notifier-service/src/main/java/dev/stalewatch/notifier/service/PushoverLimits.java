package dev.stalewatch.notifier.service;

/**
 * Pushover's field limits, in characters, and the truncation that keeps a text within one: cut on a
 * code point boundary (never inside a surrogate pair) and mark the cut with an ellipsis.
 */
public final class PushoverLimits {

    public static final int TITLE = 250;
    public static final int MESSAGE = 1024;
    public static final int URL = 512;
    public static final int URL_TITLE = 100;

    private static final String ELLIPSIS = "…";

    private PushoverLimits() {
    }

    public static String truncate(String text, int maxCharacters) {
        if (text.codePointCount(0, text.length()) <= maxCharacters) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxCharacters - 1);
        return text.substring(0, end) + ELLIPSIS;
    }
}
