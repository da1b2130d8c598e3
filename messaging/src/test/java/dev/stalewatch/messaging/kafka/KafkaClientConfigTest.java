package dev.stalewatch.messaging.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    private final Map<String, Object> quarkusKafkaConfig = Map.of(
            "bootstrap.servers", "broker:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "session.timeout.ms", "6000",
            "enable.auto.commit", "true",
            "acks", "1",
            "group.id", "someone-else");

    @Test
    void consumersTakeTuningAndConnectionSettingsButNeverTheOnesTheLoopDependsOn() {
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "session.timeout.ms", "6000"), KafkaClientConfig.consumerOverrides(quarkusKafkaConfig));
    }

    @Test
    void producersTakeOnlyConnectionSettings() {
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"),
                KafkaClientConfig.securityOverrides(quarkusKafkaConfig));
    }
}
