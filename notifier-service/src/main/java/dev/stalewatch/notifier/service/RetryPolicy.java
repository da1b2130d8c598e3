package dev.stalewatch.notifier.service;

import java.time.Duration;
import java.time.Instant;

/** Exponential backoff between attempts of one delivery, and when to stop trying. */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final Duration giveUpAfter;

    public RetryPolicy(Duration initial, Duration max, Duration giveUpAfter) {
        this.initial = initial;
        this.max = max;
        this.giveUpAfter = giveUpAfter;
    }

    /** The wait after the given number of failed attempts (1 → initial, 2 → twice that, … capped). */
    public Duration delayAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    public boolean givesUp(Instant queuedAt, Instant now) {
        return Duration.between(queuedAt, now).compareTo(giveUpAfter) > 0;
    }
}
