package dev.stalewatch.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything on a topic at the moment of the call: reads from the beginning up to the end offsets.
 * Unlike {@link TestKafka#read}, it can prove that a record is absent.
 */
public final class TopicContents {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private TopicContents() {
    }

    public static List<ConsumerRecord<byte[], byte[]>> all(String topic) {
        return all(TestKafka.bootstrapServers(), topic);
    }

    /** Everything on a topic of another broker than the shared one (e.g. a {@link KafkaBrokerProcess}). */
    public static List<ConsumerRecord<byte[], byte[]>> all(String bootstrapServers, String topic) {
        Properties p = KafkaTestClients.consumerProperties(bootstrapServers);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The records whose key starts with {@code keyPrefix}, e.g. a test's own job {@code "job-17/"}. */
    public static List<ConsumerRecord<byte[], byte[]>> withKeyPrefix(String topic, String keyPrefix) {
        return all(topic).stream()
                .filter(r -> r.key() != null && new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)
                        .startsWith(keyPrefix))
                .toList();
    }
}
