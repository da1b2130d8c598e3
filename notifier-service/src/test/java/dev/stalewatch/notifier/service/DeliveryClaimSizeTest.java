package dev.stalewatch.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A claim holds only as many rows as one sender can start before the claim's lease runs out. */
class DeliveryClaimSizeTest {

    @Test
    void theDefaultsClaimFourRowsThatEachMayTakeFifteenSecondsWithinAOneMinuteLease() {
        assertEquals(4, DeliveryWorker.claimSize(20, Duration.ofMinutes(1), Duration.ofSeconds(15)));
    }

    @Test
    void aLeaseThatCoversOneSendAndItsMarginClaimsTwoRows() {
        assertEquals(2, DeliveryWorker.claimSize(20, Duration.ofSeconds(17), Duration.ofSeconds(12)));
    }

    @Test
    void theBatchSizeStillCapsAClaimWhenSendsAreShort() {
        assertEquals(20, DeliveryWorker.claimSize(20, Duration.ofMinutes(1), Duration.ofMillis(500)));
        assertEquals(1, DeliveryWorker.claimSize(1, Duration.ofMinutes(1), Duration.ofMillis(500)));
    }
}
