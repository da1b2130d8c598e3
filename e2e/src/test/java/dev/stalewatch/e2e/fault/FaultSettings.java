package dev.stalewatch.e2e.fault;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.KafkaTestClients;
import dev.stalewatch.testkit.kafka.KafkaTopics;

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

    /**
     * The settings, with consumer groups of this system's own that start at the current end of their topics:
     * what an earlier test left unconsumed on the broker (a test that failed halfway) never reaches this one.
     */
    static Map<String, String> services(String bootstrapServers) {
        KafkaTopics.create(bootstrapServers, 3, Topics.ALL.toArray(String[]::new));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> groups = Map.of(
                "STALEWATCH_SNAPSHOT_CONSUMERS_GROUP_ID", startAtEnd(bootstrapServers, "snapshot-" + run,
                        Topics.VERSION_OBSERVED, Topics.VERDICTS),
                "STALEWATCH_TRIAGE_CONSUMERS_GROUP_ID", startAtEnd(bootstrapServers, "triage-" + run,
                        Topics.VERSION_CHANGES),
                "STALEWATCH_NOTIFIER_CONSUMERS_GROUP_ID", startAtEnd(bootstrapServers, "notifier-" + run,
                        Topics.CHANGE_DECISIONS));
        Map<String, String> settings = new HashMap<>(timings());
        settings.putAll(groups);
        return settings;
    }

    private static String startAtEnd(String bootstrapServers, String group, String... topics) {
        for (String topic : topics) {
            KafkaTestClients.commitGroupAtEnd(bootstrapServers, group, topic);
        }
        return group;
    }

    private static Map<String, String> timings() {
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
