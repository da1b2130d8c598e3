package dev.stalewatch.triageservice.llm;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the server's requested wait: {@code retry-after-ms}, or {@code retry-after} in seconds or as an
 * HTTP date. A wait longer than {@link #CEILING} (a server's mistake or a hostile answer such as
 * {@code retry-after: 99999999999}) reads as the ceiling, so no arithmetic on it can overflow; the
 * caller compares it with what is left of its time bound, which is far shorter.
 */
public final class RetryAfter {

    /** Far above any time bound: a request is never worth waiting this long for. */
    public static final Duration CEILING = Duration.ofDays(1);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String retryAfterMs, String retryAfter, Instant now) {
        Optional<Duration> millis = number(retryAfterMs).map(ms -> capped(ms / 1_000));
        if (millis.isPresent()) {
            return millis;
        }
        Optional<Duration> seconds = number(retryAfter).map(RetryAfter::capped);
        if (seconds.isPresent() || retryAfter == null) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            if (at.isAfter(now.plus(CEILING))) {
                return Optional.of(CEILING);
            }
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.of(CEILING);
        }
    }

    /** Seconds as a Duration, at most {@link #CEILING}; the comparison is in doubles, before any cast. */
    private static Duration capped(double seconds) {
        if (seconds >= CEILING.getSeconds()) {
            return CEILING;
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000));
    }

    private static Optional<Double> number(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (Double.isNaN(parsed) || parsed < 0) {
                return Optional.empty();
            }
            return Optional.of(parsed);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
