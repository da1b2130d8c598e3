package dev.stalewatch.triageservice.service;

/**
 * Makes text from outside (an LLM's reason, an API's error message, a model name) safe to store and
 * publish: PostgreSQL refuses U+0000 in text, event validation refuses it in every text field, and a
 * refusal there would be retried forever. So NUL and the other C0 control characters but tab and
 * line feed are dropped, as are DEL and unpaired surrogates (UTF-8 cannot encode those); everything
 * else is kept as it is.
 */
public final class VerdictText {

    private VerdictText() {
    }

    /** {@code text} without the characters above; null stays null. */
    public static String clean(String text) {
        if (text == null || isClean(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else if (keeps(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (!keeps(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keeps(char c) {
        return (c >= 0x20 || c == '\n' || c == '\t') && c != 0x7f && !Character.isSurrogate(c);
    }
}
