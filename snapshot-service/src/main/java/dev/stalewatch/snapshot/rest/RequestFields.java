package dev.stalewatch.snapshot.rest;

import java.util.regex.Pattern;

/**
 * What one field of a request may hold (docs/operations.md, "Request limits"). Every refusal is a
 * {@link FieldProblem} naming the field; a refused value is never echoed whole, only its size or
 * its first characters, so a huge input cannot make a huge answer or log line.
 */
public final class RequestFields {

    /** Longest reason a person may give for a decision, in characters (Unicode code points). */
    public static final int MAX_REASON_CHARS = 2000;

    private static final int QUOTED_MAX = 80;

    private RequestFields() {
    }

    /**
     * Optional free text: at most {@code maxChars} characters, no control characters but tab and
     * line breaks, no unpaired surrogate (PostgreSQL refuses NUL, and UTF-8 has no lone surrogate).
     */
    public static String text(String field, String value, int maxChars) {
        if (value == null) {
            return null;
        }
        int chars = value.codePointCount(0, value.length());
        if (chars > maxChars) {
            throw new FieldProblem(field, field + " has " + chars + " characters; at most " + maxChars
                    + " are accepted");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw new FieldProblem(field, field + " contains the control character U+"
                        + String.format("%04X", (int) c) + " at index " + i
                        + "; only tab and line breaks are accepted");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new FieldProblem(field, field + " has an unpaired UTF-16 surrogate at index " + i);
            }
        }
        return value;
    }

    /** Optional identifier of a wire shape ({@code WirePatterns}); null passes. */
    public static String identifier(String field, String value, Pattern shape) {
        if (value != null && !shape.matcher(value).matches()) {
            throw new FieldProblem(field, field + " must match " + shape.pattern() + ", was " + quote(value));
        }
        return value;
    }

    /** A required identifier of a wire shape. */
    public static String requiredIdentifier(String field, String value, Pattern shape) {
        if (value == null || value.isBlank()) {
            throw new FieldProblem(field, field + " is required");
        }
        return identifier(field, value, shape);
    }

    /** A whole number between {@code min} and {@code max}, or {@code fallback} when absent. */
    public static int integer(String field, String value, int fallback, int min, int max) {
        return (int) wholeNumber(field, value, fallback, min, max);
    }

    /** As {@link #integer}, for values beyond an int (cursors, sequence numbers). */
    public static long wholeNumber(String field, String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new FieldProblem(field, field + " must be a whole number between " + min + " and " + max
                    + ", was " + quote(value));
        }
        if (parsed < min || parsed > max) {
            throw new FieldProblem(field, field + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }

    /**
     * A value for a message: quoted, at most 80 characters, with control characters and unpaired
     * surrogates shown as {@code ?} (the message goes into JSON and logs).
     */
    public static String quote(String value) {
        StringBuilder shown = new StringBuilder("'");
        int chars = 0;
        for (int i = 0; i < value.length(); chars++) {
            if (chars == QUOTED_MAX) {
                shown.append('…');
                break;
            }
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            shown.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE ? '?' : cp);
        }
        return shown.append('\'').toString();
    }
}
