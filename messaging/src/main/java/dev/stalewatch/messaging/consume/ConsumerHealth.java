package dev.stalewatch.messaging.consume;

import java.time.Instant;

/**
 * What readiness reports for one consumer loop: DOWN while an infrastructure failure keeps it
 * paused, UP again once a transaction succeeds.
 */
public record ConsumerHealth(String loop, boolean up, String reason, Instant since) {

    static ConsumerHealth up(String loop) {
        return new ConsumerHealth(loop, true, "consuming", Instant.now());
    }

    static ConsumerHealth down(String loop, String reason) {
        return new ConsumerHealth(loop, false, reason, Instant.now());
    }
}
