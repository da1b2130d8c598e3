package dev.stalewatch.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofDays(2));

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCap() {
        assertEquals(Duration.ofSeconds(5), policy.delayAfter(1));
        assertEquals(Duration.ofSeconds(10), policy.delayAfter(2));
        assertEquals(Duration.ofSeconds(20), policy.delayAfter(3));
        assertEquals(Duration.ofMinutes(15), policy.delayAfter(9));
        assertEquals(Duration.ofMinutes(15), policy.delayAfter(500));
    }

    @Test
    void givesUpOnlyAfterTheConfiguredTime() {
        Instant queued = Instant.parse("2026-11-27T10:00:00Z");
        assertFalse(policy.givesUp(queued, queued.plus(Duration.ofDays(1))));
        assertTrue(policy.givesUp(queued, queued.plus(Duration.ofDays(2).plusSeconds(1))));
    }
}
