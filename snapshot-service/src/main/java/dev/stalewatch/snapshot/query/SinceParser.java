package dev.stalewatch.snapshot.query;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code since} values: {@code 30m}, {@code 24h}, {@code 7d}, or an ISO-8601 duration; at
 * most {@link #MAX} (further back than any deployment's history, and far from the limits of
 * {@code Instant} and PostgreSQL timestamps).
 */
public final class SinceParser {

    public static final Duration MAX = Duration.ofDays(3650);

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");
    private static final int QUOTED_MAX = 40;

    private SinceParser() {
    }

    /** @throws IllegalArgumentException for anything else, negative, or longer than {@link #MAX} */
    public static Duration parse(String since) {
        String text = since == null ? "" : since.trim();
        Duration parsed = shortForm(text);
        if (parsed == null) {
            try {
                parsed = Duration.parse(text);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("since must look like 30m, 24h, 7d or PT24H, was " + quote(since));
            }
        }
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("since must not be negative, was " + quote(since));
        }
        if (parsed.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("since must be at most " + MAX.toDays() + "d (P" + MAX.toDays()
                    + "D), was " + quote(since));
        }
        return parsed;
    }

    private static Duration shortForm(String text) {
        Matcher m = SHORT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.codePointCount(0, value.length()) <= QUOTED_MAX ? value
                : value.substring(0, value.offsetByCodePoints(0, QUOTED_MAX)) + "…";
        return "'" + shown.replaceAll("[\\p{Cntrl}\\p{Cs}]", "?") + "'";
    }
}
