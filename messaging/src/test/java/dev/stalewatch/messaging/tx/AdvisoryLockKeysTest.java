package dev.stalewatch.messaging.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AdvisoryLockKeysTest {

    @Test
    void keysAreStableAndDifferPerServiceAndPurpose() {
        long relay = AdvisoryLockKeys.of("snapshot-service", "outbox-relay");
        assertEquals(relay, AdvisoryLockKeys.of("snapshot-service", "outbox-relay"));
        assertNotEquals(relay, AdvisoryLockKeys.of("triage-service", "outbox-relay"));
        assertNotEquals(relay, AdvisoryLockKeys.of("snapshot-service", "digest-flusher"));
    }
}
