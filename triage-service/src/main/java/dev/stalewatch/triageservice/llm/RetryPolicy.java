package dev.stalewatch.triageservice.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Which failures are worth another request, and how long to wait first: exponential backoff with
 * jitter, unless the server said how long ({@code retry-after}).
 */
public final class RetryPolicy {

    /** Request timeout, conflict, rate limit, overloaded; every 5xx is added by range. */
    private static final Set<Integer> RETRYABLE_4XX = Set.of(408, 409, 429);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final DoubleSupplier random;

    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, DoubleSupplier random) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.random = random;
    }

    public static boolean retryable(Attempt attempt) {
        if (attempt instanceof Attempt.ConnectionError) {
            return true;
        }
        return attempt instanceof Attempt.HttpError error
                && (RETRYABLE_4XX.contains(error.status()) || error.status() >= 500);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): the server's retry-after if
     * given, else a random wait between half and all of {@code initial * 2^(retry-1)}, capped.
     */
    public Duration delayBefore(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long exponential = initialBackoff.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(exponential, maxBackoff.toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + 0.5 * random.getAsDouble())));
    }
}
