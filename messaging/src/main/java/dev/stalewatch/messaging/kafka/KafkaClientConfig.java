package dev.stalewatch.messaging.kafka;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties an operator may set for every service the usual Quarkus way
 * ({@code kafka.session.timeout.ms}, {@code kafka.security.protocol}, …). Only tuning and connection
 * keys pass: the settings that make the loop correct (manual commit, deserializers, group,
 * idempotence, acks) stay fixed.
 */
public final class KafkaClientConfig {

    private static final Set<String> CONSUMER_TUNING = Set.of("session.timeout.ms", "heartbeat.interval.ms",
            "max.poll.records", "max.poll.interval.ms", "fetch.max.wait.ms", "fetch.min.bytes", "client.rack");

    /** How to reach the brokers: every client of a service needs these. */
    private static final Set<String> SECURITY = Set.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.keystore.location",
            "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password", "ssl.endpoint.identification.algorithm");

    private KafkaClientConfig() {
    }

    /** Consumer tuning and connection settings. */
    public static Map<String, Object> consumerOverrides(Map<String, Object> kafkaConfig) {
        return only(kafkaConfig, CONSUMER_TUNING, SECURITY);
    }

    /** Connection settings only (TLS, SASL), for producers and admin clients. */
    public static Map<String, Object> securityOverrides(Map<String, Object> kafkaConfig) {
        return only(kafkaConfig, SECURITY);
    }

    @SafeVarargs
    private static Map<String, Object> only(Map<String, Object> kafkaConfig, Set<String>... allowed) {
        Map<String, Object> overrides = new TreeMap<>();
        kafkaConfig.forEach((key, value) -> {
            for (Set<String> keys : allowed) {
                if (keys.contains(key)) {
                    overrides.put(key, value);
                }
            }
        });
        return overrides;
    }
}
