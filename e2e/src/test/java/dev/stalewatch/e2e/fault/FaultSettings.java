package dev.stalewatch.e2e.fault;

import java.time.Duration;
import java.util.Map;

/**
 * What the services of a fault test run with: production settings but a short longest backoff, so that
 * "ready again within the longest backoff + 5 s" is a bound a test can wait for, and a notifier lease that
 * runs out within the test (a send takes at most connect + read timeout; the lease must exceed that by 5 s).
 */
final class FaultSettings {

    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration RECOVERY_BOUND = MAX_BACKOFF.plusSeconds(5);
    static final Duration DELIVERY_LEASE = Duration.ofSeconds(12);

    private FaultSettings() {
    }

    static Map<String, String> services() {
        String backoff = MAX_BACKOFF.toString();
        return Map.ofEntries(
                Map.entry("STALEWATCH_SNAPSHOT_CONSUMERS_MAX_BACKOFF", backoff),
                Map.entry("STALEWATCH_TRIAGE_CONSUMERS_MAX_BACKOFF", backoff),
                Map.entry("STALEWATCH_NOTIFIER_CONSUMERS_MAX_BACKOFF", backoff),
                Map.entry("STALEWATCH_TRIAGE_CONSUMERS_INITIAL_BACKOFF", "PT0.2S"),
                Map.entry("STALEWATCH_NOTIFIER_DELIVERY_CONNECT_TIMEOUT", "PT2S"),
                Map.entry("STALEWATCH_NOTIFIER_DELIVERY_READ_TIMEOUT", "PT5S"),
                Map.entry("STALEWATCH_NOTIFIER_DELIVERY_LEASE", DELIVERY_LEASE.toString()),
                Map.entry("STALEWATCH_NOTIFIER_DELIVERY_INITIAL_BACKOFF", "PT0.2S"),
                Map.entry("STALEWATCH_NOTIFIER_DELIVERY_MAX_BACKOFF", "PT1S"));
    }
}
