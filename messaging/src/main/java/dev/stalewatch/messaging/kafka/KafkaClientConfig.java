package dev.stalewatch.messaging.kafka;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Consumer properties an operator may set for every service the usual Quarkus way
 * ({@code kafka.session.timeout.ms}, env {@code KAFKA_SESSION_TIMEOUT_MS}). Only tuning keys pass:
 * the settings that make the loop correct (manual commit, deserializers, group) stay fixed.
 */
public final class KafkaClientConfig {

    private static final Set<String> TUNABLE = Set.of("session.timeout.ms", "heartbeat.interval.ms",
            "max.poll.records", "max.poll.interval.ms", "fetch.max.wait.ms", "fetch.min.bytes",
            "security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
            "ssl.truststore.password", "ssl.truststore.type", "ssl.keystore.location", "ssl.keystore.password",
            "ssl.keystore.type", "ssl.endpoint.identification.algorithm", "client.rack");

    private KafkaClientConfig() {
    }

    public static Map<String, Object> consumerOverrides(Map<String, Object> kafkaConfig) {
        Map<String, Object> overrides = new TreeMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (TUNABLE.contains(key)) {
                overrides.put(key, value);
            }
        });
        return overrides;
    }
}
