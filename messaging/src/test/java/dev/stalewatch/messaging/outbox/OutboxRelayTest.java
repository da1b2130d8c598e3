package dev.stalewatch.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stalewatch.messaging.kafka.ProducerSettings;
import dev.stalewatch.messaging.support.Await;
import dev.stalewatch.messaging.support.MessagingDatabase;
import dev.stalewatch.testkit.kafka.TopicContents;
import dev.stalewatch.messaging.tx.AdvisoryLockKeys;
import dev.stalewatch.messaging.tx.JdbcTransactionRunner;
import dev.stalewatch.testkit.kafka.TestKafka;

/** The outbox and its relay against the real broker and the real PostgreSQL. */
class OutboxRelayTest {

    private static MessagingDatabase db;
    private final Outbox outbox = new Outbox(MessagingDatabase.SCHEMA);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void database() {
        db = new MessagingDatabase(OutboxRelayTest.class);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("DELETE FROM msgtest.outbox");
        }
    }

    @Test
    void rowWrittenInARolledBackTransactionIsNeverPublished() throws Exception {
        String topic = TestKafka.createUniqueTopic("outbox", 1);
        JdbcTransactionRunner tx = new JdbcTransactionRunner(db.dataSource());
        assertThrows(IllegalStateException.class, () -> tx.inTransaction(c -> {
            outbox.append(c, message(topic, "rolled-back"));
            throw new IllegalStateException("the state change failed");
        }));
        tx.inTransaction(c -> {
            outbox.append(c, message(topic, "committed"));
            return null;
        });

        OutboxRelay relay = relay("only", topic);
        int published = 0;
        for (int i = 0; i < 3; i++) {
            published += relay.relayOnce();
        }

        assertEquals(1, published);
        List<String> onTopic = TopicContents.all(topic).stream().map(OutboxRelayTest::value).toList();
        assertEquals(List.of("committed"), onTopic);
        assertEquals(0, db.count("SELECT count(*) FROM msgtest.outbox WHERE sent_at IS NULL"));
    }

    @Test
    void twoRelaysOnOneDatabasePublishEachRowExactlyOnceInIdOrder() throws Exception {
        String topic = TestKafka.createUniqueTopic("outbox", 1);
        OutboxRelay first = relay("first", topic);
        OutboxRelay second = relay("second", topic);
        first.start();
        second.start();

        int rows = 600;
        JdbcTransactionRunner tx = new JdbcTransactionRunner(db.dataSource());
        for (int batch = 0; batch < rows / 20; batch++) {
            int start = batch * 20;
            tx.inTransaction(c -> {
                for (int i = start; i < start + 20; i++) {
                    outbox.append(c, message(topic, String.format("%05d", i)));
                }
                return null;
            });
            first.wake();
            second.wake();
        }

        Await.until("every row marked sent", Duration.ofSeconds(60),
                () -> db.count("SELECT count(*) FROM msgtest.outbox WHERE sent_at IS NULL") == 0);
        List<String> values = TopicContents.all(topic).stream().map(OutboxRelayTest::value).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            expected.add(String.format("%05d", i));
        }
        assertEquals(expected, values, "each row once, in id order");
    }

    @Test
    void sentRowsAndDedupMarksPastTheirRetentionAreDeletedAndRecentOnesKept() throws Exception {
        String topic = TestKafka.createUniqueTopic("outbox", 1);
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("INSERT INTO msgtest.outbox (topic, record_key, event_id, payload, sent_at) VALUES"
                    + " ('" + topic + "', 'k', 'old', '\\x00', now() - interval '30 days'),"
                    + " ('" + topic + "', 'k', 'recent', '\\x00', now() - interval '1 day')");
            st.execute("INSERT INTO msgtest.processed_event (consumer, event_id, processed_at) VALUES"
                    + " ('c', 'old-event', now() - interval '30 days'), ('c', 'recent-event', now() - interval '8 days')");
        }

        relay("housekeeper", topic).relayOnce();

        assertEquals(0, db.count("SELECT count(*) FROM msgtest.outbox WHERE event_id = 'old'"));
        assertEquals(1, db.count("SELECT count(*) FROM msgtest.outbox WHERE event_id = 'recent'"));
        assertEquals(0, db.count("SELECT count(*) FROM msgtest.processed_event WHERE event_id = 'old-event'"));
        assertEquals(1, db.count("SELECT count(*) FROM msgtest.processed_event WHERE event_id = 'recent-event'"),
                "dedup marks are kept twice the outbox retention (7 days here)");
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("DELETE FROM msgtest.processed_event");
        }
    }

    @Test
    void aRowTooLargeToSendIsSetAsideAndTheHundredRowsBehindItAreEachPublishedOnceInOrderPerKey() throws Exception {
        String topic = TestKafka.createUniqueTopic("outbox", 3);
        // written past Outbox.append's own check, as a row from before that check would be
        insertDirectly(topic, "job/big", "too-large", new byte[3 * 1024 * 1024]);
        JdbcTransactionRunner tx = new JdbcTransactionRunner(db.dataSource());
        tx.inTransaction(c -> {
            for (int i = 0; i < 100; i++) {
                outbox.append(c, new OutboxMessage(topic, "job/stage-" + (i % 5), "e" + i,
                        String.format("%03d", i).getBytes(StandardCharsets.UTF_8)));
            }
            return null;
        });
        OutboxRelay relay = relay("aside", topic);
        relay.start();

        Await.until("every other row sent", Duration.ofSeconds(30), () -> db.count(
                "SELECT count(*) FROM msgtest.outbox WHERE sent_at IS NOT NULL") == 100);

        assertEquals(1, db.count("SELECT count(*) FROM msgtest.outbox WHERE event_id = 'too-large'"
                + " AND sent_at IS NULL AND set_aside_at IS NOT NULL AND set_aside_reason LIKE '%RecordTooLarge%'"));
        assertEquals(1, relay.setAside());
        assertTrue(relay.healthy(), "a row set aside is not a failure of the relay");
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicContents.all(topic)) {
            byKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(value(record));
        }
        assertEquals(5, byKey.size(), byKey.keySet().toString());
        for (int k = 0; k < 5; k++) {
            List<String> expected = new ArrayList<>();
            for (int i = k; i < 100; i += 5) {
                expected.add(String.format("%03d", i));
            }
            assertEquals(expected, byKey.get("job/stage-" + k), "each row of key " + k + " once, in order");
        }
    }

    @Test
    void appendRefusesAnEventTheProducerCouldNeverSendSoItsTransactionRollsBack() throws Exception {
        String topic = TestKafka.createUniqueTopic("outbox", 1);
        JdbcTransactionRunner tx = new JdbcTransactionRunner(db.dataSource());

        OutboxRowTooLargeException e = assertThrows(OutboxRowTooLargeException.class, () -> tx.inTransaction(c -> {
            outbox.append(c, message(topic, "small, before it"));
            outbox.append(c, new OutboxMessage(topic, "job/stage", "huge", new byte[3 * 1024 * 1024]));
            return null;
        }));

        assertTrue(e.getMessage().contains("huge"), e.getMessage());
        assertEquals(0, db.count("SELECT count(*) FROM msgtest.outbox"), "nothing of the transaction is kept");
    }

    private static void insertDirectly(String topic, String key, String eventId, byte[] payload) throws Exception {
        try (var c = db.connect(); var insert = c.prepareStatement(
                "INSERT INTO msgtest.outbox (topic, record_key, event_id, payload) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, topic);
            insert.setString(2, key);
            insert.setString(3, eventId);
            insert.setBytes(4, payload);
            insert.executeUpdate();
        }
    }

    private OutboxRelay relay(String name, String topic) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.forEvents(TestKafka.bootstrapServers(), "relay-" + name + "-" + topic));
        OutboxRelay relay = new OutboxRelay(name, db.dataSource(), MessagingDatabase.SCHEMA,
                AdvisoryLockKeys.of("test-service", "outbox-relay-" + topic), producer, 50,
                Duration.ofMillis(100), Duration.ofDays(7));
        closeables.add(producer);
        closeables.add(0, relay);
        return relay;
    }

    private static OutboxMessage message(String topic, String value) {
        return new OutboxMessage(topic, "job/stage", java.util.UUID.randomUUID().toString(),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
