package dev.stalewatch.testkit.kafka;

import dev.stalewatch.testkit.JvmWide;
import dev.stalewatch.testkit.StartupReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The real Kafka broker every test in this JVM shares, started on first use and stopped at JVM exit.
 * In-process KRaft by default; {@code STALEWATCH_TEST_KAFKA=testcontainers} asks for a Docker broker.
 * Topics are never created implicitly: create them with {@link #createTopic}. One broker per JVM even when
 * Quarkus loads this class again in its own class loaders (see {@link JvmWide}).
 */
public final class TestKafka {

    private TestKafka() {
    }

    private static final String SHARED_ADDRESS = "stalewatch.testkit.shared.kafka-bootstrap-servers";

    private static final class Holder {
        static final KafkaBroker BROKER = startOrShare();

        private static KafkaBroker startOrShare() {
            KafkaBroker[] startedHere = new KafkaBroker[1];
            String address = JvmWide.getOrCreate(SHARED_ADDRESS, () -> {
                KafkaBroker broker = KafkaBrokerChoice.startAndStopOnExit();
                StartupReport.started(broker.description(), broker.startMillis());
                startedHere[0] = broker;
                return broker.bootstrapServers();
            });
            return startedHere[0] != null ? startedHere[0] : new SharedKafkaBroker(address);
        }
    }

    public static KafkaBroker broker() {
        return Holder.BROKER;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Creates topics with n partitions; max.message.bytes is 2 MiB, or 3 MiB for names ending in {@code .dlq}. */
    public static void createTopic(String name, int partitions) {
        KafkaTopics.create(bootstrapServers(), partitions, name);
    }

    public static void createTopics(int partitions, String... names) {
        KafkaTopics.create(bootstrapServers(), partitions, names);
    }

    /** Creates a topic named {@code prefix-<random>} and returns its name. */
    public static String createUniqueTopic(String prefix, int partitions) {
        String name = KafkaTopics.uniqueName(prefix);
        createTopic(name, partitions);
        return name;
    }

    public static Properties producerProperties() {
        return KafkaTestClients.producerProperties(bootstrapServers());
    }

    public static KafkaProducer<String, byte[]> producer() {
        return KafkaTestClients.producer(bootstrapServers());
    }

    /** Sends one record with a short-lived producer and waits for the broker to acknowledge it. */
    public static RecordMetadata produce(String topic, String key, byte[] value, Map<String, String> headers) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            return KafkaTestClients.produce(producer, topic, key, value, headers);
        }
    }

    public static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        return KafkaTestClients.read(bootstrapServers(), topic, count, timeout);
    }

    /** Commits {@code group}'s offsets at the end of {@code topic}: a service joining it reads only what comes next. */
    public static void commitGroupAtEnd(String group, String topic) {
        KafkaTestClients.commitGroupAtEnd(bootstrapServers(), group, topic);
    }

    /** Consumer settings for a service or client under test: unique group, earliest, 6 s session. */
    public static Properties consumerProperties() {
        return KafkaTestClients.consumerProperties(bootstrapServers());
    }
}
