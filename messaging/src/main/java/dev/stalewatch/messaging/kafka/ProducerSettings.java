package dev.stalewatch.messaging.kafka;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producer settings every service uses. Idempotence with acks=all means a retried send
 * neither duplicates nor reorders a stage's events on its partition.
 */
public final class ProducerSettings {

    /** Largest event record: topics are created with the same {@code max.message.bytes}. */
    public static final int EVENT_MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    /** Dead letters carry the original record plus headers, so they get more room. */
    public static final int DEAD_LETTER_MAX_REQUEST_BYTES = 3 * 1024 * 1024;

    private ProducerSettings() {
    }

    public static Properties forEvents(String bootstrapServers, String clientId) {
        return base(bootstrapServers, clientId, EVENT_MAX_REQUEST_BYTES);
    }

    public static Properties forDeadLetters(String bootstrapServers, String clientId) {
        return base(bootstrapServers, clientId, DEAD_LETTER_MAX_REQUEST_BYTES);
    }

    private static Properties base(String bootstrapServers, String clientId, int maxRequestBytes) {
        Properties p = new Properties();
        p.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // A record larger than the default 32 MiB buffer share would stall; keep the buffer above the max.
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * maxRequestBytes + 32L * 1024 * 1024);
        return p;
    }
}
