package dev.stalewatch.messaging.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheCapAndResetToTheStart() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(350));
        assertEquals(100, backoff.nextDelay().toMillis());
        assertEquals(200, backoff.nextDelay().toMillis());
        assertEquals(350, backoff.nextDelay().toMillis());
        assertEquals(350, backoff.nextDelay().toMillis());
        backoff.reset();
        assertEquals(100, backoff.nextDelay().toMillis());
    }

    @Test
    void rejectsACapBelowTheInitialDelay() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
