package dev.stalewatch.testkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TestKafkaBrokerTest {

    @Test
    void recordsWithHeadersGoThroughTheBrokerToAGroupConsumer() {
        String topic = TestKafka.createUniqueTopic("roundtrip", 3);
        TestKafka.produce(topic, "key-1", "first".getBytes(UTF_8), Map.of("eventType", "VersionObserved"));
        TestKafka.produce(topic, "key-2", "second".getBytes(UTF_8), Map.of("eventType", "VersionChanged"));

        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(TestKafka.consumerProperties())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 2 && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                batch.forEach(received::add);
            }
            consumer.commitSync();
        }

        assertEquals(2, received.size());
        Map<String, String> eventTypeByValue = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : received) {
            eventTypeByValue.put(new String(record.value(), UTF_8),
                new String(record.headers().lastHeader("eventType").value(), UTF_8));
        }
        assertEquals(Map.of("first", "VersionObserved", "second", "VersionChanged"), eventTypeByValue);
    }

    @Test
    void readHelperReturnsRecordsFromAllPartitionsWithHeaders() {
        String topic = TestKafka.createUniqueTopic("read-helper", 2);
        for (int i = 0; i < 4; i++) {
            TestKafka.produce(topic, "k" + i, new byte[] {(byte) i}, Map.of("n", Integer.toString(i)));
        }

        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.read(topic, 4, Duration.ofSeconds(20));

        assertEquals(4, records.size());
        assertTrue(records.stream().allMatch(r -> r.headers().lastHeader("n") != null));
    }

    @Test
    void readHelperFailsWhenTooFewRecordsArrive() {
        String topic = TestKafka.createUniqueTopic("too-few", 1);
        TestKafka.produce(topic, "k", new byte[] {1}, Map.of());

        assertThrows(AssertionError.class, () -> TestKafka.read(topic, 2, Duration.ofSeconds(2)));
    }

    @Test
    void aRecordOverTwoMebibytesIsRefusedByANormalTopicButAcceptedByADeadLetterTopic() {
        String normal = TestKafka.createUniqueTopic("sized", 1);
        String deadLetter = TestKafka.createUniqueTopic("sized.dlq", 1);
        byte[] twoAndAHalfMebibytes = new byte[5 * 512 * 1024];
        new Random(7).nextBytes(twoAndAHalfMebibytes);

        assertThrows(RecordTooLargeException.class,
            () -> TestKafka.produce(normal, "big", twoAndAHalfMebibytes, Map.of()));
        RecordMetadata accepted = TestKafka.produce(deadLetter, "big", twoAndAHalfMebibytes, Map.of("error", "too large"));

        assertEquals(0, accepted.offset());
        byte[] readBack = TestKafka.read(deadLetter, 1, Duration.ofSeconds(20)).get(0).value();
        assertArrayEquals(twoAndAHalfMebibytes, readBack);
    }

    @Test
    void producingToAMissingTopicDoesNotCreateIt() throws Exception {
        String missing = KafkaTopics.uniqueName("never-created");
        Properties shortWait = TestKafka.producerProperties();
        shortWait.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(shortWait)) {
            assertThrows(TimeoutException.class,
                () -> KafkaTestClients.produce(producer, missing, "k", new byte[] {1}, Map.of()));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            assertFalse(admin.listTopics().names().get().contains(missing));
        }
    }

    @Test
    void creatingTopicsThatAlreadyExistCreatesTheMissingOnesAndKeepsTheRest() {
        String existing = TestKafka.createUniqueTopic("again", 2);
        String fresh = KafkaTopics.uniqueName("fresh");

        TestKafka.createTopics(1, existing, fresh);

        // Producing fails on a topic that does not exist (auto-creation is off): both must exist now.
        TestKafka.produce(fresh, "k", new byte[] {1}, java.util.Map.of());
        TestKafka.produce(existing, "k", new byte[] {2}, java.util.Map.of());
        org.junit.jupiter.api.Assertions.assertEquals(1, TopicContents.all(fresh).size());
        org.junit.jupiter.api.Assertions.assertEquals(1, TopicContents.all(existing).size());
    }
}
