package dev.stalewatch.snapshot.query;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code since} values: {@code 30m}, {@code 24h}, {@code 7d}, or an ISO-8601 duration. */
public final class SinceParser {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");

    private SinceParser() {
    }

    public static Duration parse(String since) {
        Matcher m = SHORT.matcher(since.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(since.trim());
            if (d.isNegative()) {
                throw new IllegalArgumentException("since must not be negative: " + since);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must look like 30m, 24h, 7d or PT24H, was '" + since + "'");
        }
    }
}
