package dev.stalewatch.messaging.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stalewatch.events.DeadLetterHeaders;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.ResetRequested;
import dev.stalewatch.events.Topics;
import dev.stalewatch.messaging.concurrent.WorkerThreads;
import dev.stalewatch.messaging.deadletter.DeadLetterWriter;
import dev.stalewatch.messaging.kafka.ConsumerSettings;
import dev.stalewatch.messaging.kafka.ProducerSettings;
import dev.stalewatch.messaging.support.Await;
import dev.stalewatch.messaging.support.MessagingDatabase;
import dev.stalewatch.testkit.kafka.TopicContents;
import dev.stalewatch.messaging.tx.JdbcTransactionRunner;
import dev.stalewatch.testkit.kafka.TestKafka;

/** The consumer loop against the real broker and the real PostgreSQL. */
class ConsumerLoopTest {

    private static final String SERVICE = "test-service";
    private static final EventCodec CODEC = new EventCodec();
    private static MessagingDatabase db;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void database() {
        db = new MessagingDatabase(ConsumerLoopTest.class);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    @Test
    void poisonRecordBetweenTwoGoodOnesIsDeadLetteredWithTheSixHeadersAndTheGoodOnesAreHandled() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested first = reset("first");
        ResetRequested last = reset("last");
        byte[] poison = "{\"type\":\"ResetRequested\",\"eventId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8);
        TestKafka.produce(topic, first.key(), CODEC.encode(first), Map.of());
        TestKafka.produce(topic, "job/stage", poison, Map.of("origin", "test"));
        TestKafka.produce(topic, last.key(), CODEC.encode(last), Map.of());

        ConsumerLoop<ResetRequested> loop = startLoop(topic, insertingHandler(new AtomicInteger()));

        Await.until("both good events handled", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM msgtest.handled WHERE event_id IN ('" + first.eventId()
                        + "','" + last.eventId() + "')") == 2);
        List<ConsumerRecord<byte[], byte[]>> dead = TestKafka.read(Topics.deadLetter(topic, SERVICE), 1,
                Duration.ofSeconds(20));
        ConsumerRecord<byte[], byte[]> deadLetter = dead.get(0);
        assertEquals(new String(poison, StandardCharsets.UTF_8), new String(deadLetter.value(), StandardCharsets.UTF_8));
        for (String header : DeadLetterHeaders.ALL) {
            assertTrue(deadLetter.headers().lastHeader(header) != null, "missing header " + header);
        }
        assertTrue(header(deadLetter, DeadLetterHeaders.REASON).contains("eventId"),
                "reason names the field: " + header(deadLetter, DeadLetterHeaders.REASON));
        assertEquals(topic, header(deadLetter, DeadLetterHeaders.TOPIC));
        assertEquals("0", header(deadLetter, DeadLetterHeaders.PARTITION));
        assertEquals("1", header(deadLetter, DeadLetterHeaders.OFFSET));
        assertEquals("test", header(deadLetter, "origin"), "original headers are kept");
        Await.until("offsets committed past all three", Duration.ofSeconds(20),
                () -> committedOffset(topic) == 3L);
        assertTrue(loop.health().up());
    }

    @Test
    void anEventTheHandlersCheckRejectsIsDeadLetteredWithoutRetryingTheOthersOneByOne() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested first = reset("first");
        ResetRequested rejected = reset("check-rejects-this");
        ResetRequested last = reset("last");
        List<ResetRequested> events = List.of(first, rejected, last);
        // one poll: the loop starts after all three are on the topic
        for (ResetRequested event : events) {
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        }
        List<List<String>> handledBatches = java.util.Collections.synchronizedList(new ArrayList<>());

        startLoop(topic, new BatchHandler<>() {
            @Override
            public void check(ResetRequested event) {
                if (event.eventId().equals(rejected.eventId())) {
                    throw new dev.stalewatch.messaging.failure.PoisonRecordException("content does not match");
                }
            }

            @Override
            public void handle(java.sql.Connection tx, List<Delivery<ResetRequested>> batch) {
                handledBatches.add(batch.stream().map(Delivery::eventId).toList());
            }
        });

        Await.until("offsets committed past all three", Duration.ofSeconds(30), () -> committedOffset(topic) == 3L);
        List<ConsumerRecord<byte[], byte[]>> dead = TestKafka.read(Topics.deadLetter(topic, SERVICE), 1,
                Duration.ofSeconds(20));
        assertTrue(header(dead.get(0), DeadLetterHeaders.REASON).contains("content does not match"));
        assertEquals(List.of(List.of(first.eventId(), last.eventId())), handledBatches,
                "the good events in one transaction, the rejected one never handled");
    }

    @Test
    void eventsOfDifferentKeysAreAppliedInTransactionsSideBySideEachKeyInItsOrder() throws Exception {
        String topic = TestKafka.createUniqueTopic("loop", 3);
        TestKafka.createTopic(Topics.deadLetter(topic, SERVICE), 1);
        Map<String, List<String>> producedByStage = new java.util.TreeMap<>();
        for (int i = 0; i < 150; i++) {
            ResetRequested event = reset("stage-" + (i % 7));
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
            producedByStage.computeIfAbsent(event.stage(), s -> new ArrayList<>()).add(event.eventId());
        }
        Map<String, List<String>> handledByStage = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Set<Long>> transactionsByStage = new java.util.concurrent.ConcurrentHashMap<>();
        List<Integer> stagesPerTransaction = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong transactionIds = new java.util.concurrent.atomic.AtomicLong();
        BatchHandler<ResetRequested> inserting = insertingHandler(new AtomicInteger());

        startLoop(topic, new BatchHandler<>() {
            @Override
            public Object independenceKey(ResetRequested event) {
                return event.stage();
            }

            @Override
            public void handle(java.sql.Connection tx, List<Delivery<ResetRequested>> batch) throws Exception {
                long transaction = transactionIds.incrementAndGet();
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    stagesPerTransaction.add((int) batch.stream().map(d -> d.event().stage()).distinct().count());
                    for (Delivery<ResetRequested> d : batch) {
                        handledByStage.computeIfAbsent(d.event().stage(),
                                s -> java.util.Collections.synchronizedList(new ArrayList<>())).add(d.eventId());
                        transactionsByStage.computeIfAbsent(d.event().stage(),
                                s -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(transaction);
                    }
                    Thread.sleep(50);
                    inserting.handle(tx, batch);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });

        Await.until("all 150 handled", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM msgtest.handled WHERE event_id IN ('" + String.join("','",
                        producedByStage.values().stream().flatMap(List::stream).toList()) + "')") == 150);
        assertEquals(producedByStage, new java.util.TreeMap<>(handledByStage), "each stage in its order");
        assertTrue(mostInFlight.get() > 1, "transactions ran side by side");
        assertTrue(stagesPerTransaction.stream().anyMatch(n -> n < 7),
                "a poll holding all seven stages was split: " + stagesPerTransaction);
    }

    @Test
    void aLargePollIsHandledInPartitionOrderWithItsPoisonRecordDeadLettered() throws Exception {
        String topic = newTopicWithDeadLetters();
        List<String> produced = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            if (i == 120) {
                TestKafka.produce(topic, "job/stage", "{\"type\":\"ResetRequested\"}".getBytes(StandardCharsets.UTF_8),
                        Map.of());
            }
            ResetRequested event = reset("bulk-" + i);
            produced.add(event.eventId());
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        }
        List<String> handledInOrder = java.util.Collections.synchronizedList(new ArrayList<>());

        startLoop(topic, (tx, batch) -> batch.forEach(d -> handledInOrder.add(d.eventId())));

        Await.until("all 200 good events handled", Duration.ofSeconds(30), () -> handledInOrder.size() >= 200);
        assertEquals(produced, handledInOrder, "handled once each, in partition order");
        assertEquals(1, TestKafka.read(Topics.deadLetter(topic, SERVICE), 1, Duration.ofSeconds(20)).size());
        Await.until("offsets committed past all 201", Duration.ofSeconds(20), () -> committedOffset(topic) == 201L);
    }

    @Test
    void infrastructureFailureCommitsNothingReportsDownAndRetriesUntilItRecovers() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested event = reset("infra");
        TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        AtomicInteger attempts = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean databaseDown = new java.util.concurrent.atomic.AtomicBoolean(true);

        ConsumerLoop<ResetRequested> loop = startLoop(topic, (tx, batch) -> {
            attempts.incrementAndGet();
            if (databaseDown.get()) {
                throw new SQLException("Connection to localhost:5432 refused", "08001");
            }
            insertingHandler(new AtomicInteger()).handle(tx, batch);
        });

        Await.until("several failed attempts", Duration.ofSeconds(30), () -> attempts.get() >= 3);
        assertFalse(loop.health().up(), "readiness is DOWN while the database is down");
        assertTrue(loop.health().reason().contains("08001") || loop.health().reason().contains("refused"));
        assertNull(committedOffsetOrNull(topic), "nothing committed while failing");
        assertEquals(0, db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '" + event.eventId() + "'"));

        databaseDown.set(false);

        Await.until("handled after recovery", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '" + event.eventId() + "'") == 1);
        Await.until("offset committed after recovery", Duration.ofSeconds(20), () -> committedOffset(topic) == 1L);
        Await.until("health UP again", Duration.ofSeconds(5), () -> loop.health().up());
        assertEquals(0, TopicContents.all(Topics.deadLetter(topic, SERVICE)).size(),
                "an infrastructure failure is never dead-lettered");
    }

    @Test
    void eventsArrivingWhileABatchIsAppliedAreDecodedMeanwhileAndGatherIntoTheNextBatchInOrder() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested first = reset("gather");
        TestKafka.produce(topic, first.key(), CODEC.encode(first), Map.of());
        java.util.concurrent.CountDownLatch firstEntered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> checked = java.util.Collections.synchronizedList(new ArrayList<>());
        List<List<String>> batches = java.util.Collections.synchronizedList(new ArrayList<>());

        startLoop(topic, new BatchHandler<>() {
            @Override
            public void check(ResetRequested event) {
                checked.add(event.eventId());
            }

            @Override
            public void handle(java.sql.Connection tx, List<Delivery<ResetRequested>> batch) throws Exception {
                batches.add(batch.stream().map(Delivery::eventId).toList());
                if (batch.get(0).eventId().equals(first.eventId())) {
                    firstEntered.countDown();
                    release.await();
                }
                insertingHandler(new AtomicInteger()).handle(tx, batch);
            }
        });
        assertTrue(firstEntered.await(30, java.util.concurrent.TimeUnit.SECONDS), "the first batch is applied");
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ResetRequested event = reset("gather");
            later.add(event.eventId());
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
            Thread.sleep(150); // apart: each poll of the loop (every 50 ms meanwhile) takes one
        }
        Await.until("the five decoded while the first batch is still applied", Duration.ofSeconds(10),
                () -> checked.containsAll(later));
        assertEquals(List.of(List.of(first.eventId())), batches, "nothing else applied meanwhile");
        release.countDown();

        Await.until("offsets committed past all 6", Duration.ofSeconds(20), () -> committedOffset(topic) == 6L);
        assertEquals(List.of(List.of(first.eventId()), later), batches,
                "the five that came during the first batch were applied together, in order");
    }

    @Test
    void aFailedBatchRewindsTheBatchGatheredBehindItAndBothAreAppliedOnceInOrder() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested first = reset("rewind");
        TestKafka.produce(topic, first.key(), CODEC.encode(first), Map.of());
        java.util.concurrent.CountDownLatch firstEntered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean failedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> committedInOrder = java.util.Collections.synchronizedList(new ArrayList<>());

        ConsumerLoop<ResetRequested> loop = startLoop(topic, (tx, batch) -> {
            if (!failedOnce.get()) {
                firstEntered.countDown();
                release.await();
                failedOnce.set(true);
                throw new SQLException("Connection to localhost:5432 refused", "08001");
            }
            insertingHandler(new AtomicInteger()).handle(tx, batch);
            batch.forEach(d -> committedInOrder.add(d.eventId()));
        });
        assertTrue(firstEntered.await(30, java.util.concurrent.TimeUnit.SECONDS), "the first batch is applied");
        List<String> all = new ArrayList<>(List.of(first.eventId()));
        for (int i = 0; i < 3; i++) {
            ResetRequested event = reset("rewind");
            all.add(event.eventId());
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        }
        Thread.sleep(1_000); // gathered behind the failing batch
        release.countDown();

        Await.until("offsets committed past all 4", Duration.ofSeconds(30), () -> committedOffset(topic) == 4L);
        assertEquals(all, committedInOrder, "each applied once, in partition order, after the failure");
        assertEquals(1, loop.stats().infrastructureFailures());
        assertEquals(0, TopicContents.all(Topics.deadLetter(topic, SERVICE)).size());
    }

    @Test
    void aRebalanceWhileABatchIsAppliedLosesNothingAndAppliesEachEventOnce() throws Exception {
        String topic = TestKafka.createUniqueTopic("loop", 2);
        TestKafka.createTopic(Topics.deadLetter(topic, SERVICE), 1);
        List<String> produced = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ResetRequested event = reset("rebalance-" + (i % 9));
            produced.add(event.eventId());
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        }
        List<String> handled = java.util.Collections.synchronizedList(new ArrayList<>());
        BatchHandler<ResetRequested> slow = (tx, batch) -> {
            Thread.sleep(300);
            insertingHandler(new AtomicInteger()).handle(tx, batch);
            batch.forEach(d -> handled.add(d.eventId()));
        };
        startLoop(topic, slow);
        Await.until("the first member applied something", Duration.ofSeconds(30), () -> !handled.isEmpty());
        for (int i = 0; i < 60; i++) {
            ResetRequested event = reset("rebalance-" + (i % 9));
            produced.add(event.eventId());
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        }

        startLoop(topic, slow); // joins the group: the partitions are reassigned while batches are applied

        Await.until("all 120 in the table", Duration.ofSeconds(60), () -> db.count(
                "SELECT count(DISTINCT event_id) FROM msgtest.handled WHERE event_id IN ('"
                        + String.join("','", produced) + "')") == 120);
        assertEquals(120, db.count("SELECT count(*) FROM msgtest.handled WHERE event_id IN ('"
                + String.join("','", produced) + "')"), "no event applied twice");
        assertEquals(new java.util.HashSet<>(produced), new java.util.HashSet<>(handled));
        assertEquals(120, handled.size(), "each event handed to the handler once");
        Await.until("both partitions committed to their ends", Duration.ofSeconds(30),
                () -> committedOffsets(topic) == 120L);
    }

    @Test
    void redeliveredEventIdIsSkipped() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested event = reset("dup");
        byte[] bytes = CODEC.encode(event);
        ResetRequested after = reset("after");
        TestKafka.produce(topic, event.key(), bytes, Map.of());
        TestKafka.produce(topic, event.key(), bytes, Map.of());
        TestKafka.produce(topic, after.key(), CODEC.encode(after), Map.of());
        AtomicInteger handled = new AtomicInteger();

        startLoop(topic, insertingHandler(handled));

        Await.until("the later event handled", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '" + after.eventId() + "'") == 1);
        assertEquals(1, db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '" + event.eventId() + "'"));
        assertEquals(2, handled.get());
    }

    @Test
    void aRecordThePostgresRefusesAsDataIsDeadLetteredAloneWhileTheOthersOfItsBatchAreAppliedAndHealthStaysUp()
            throws Exception {
        String topic = newTopicWithDeadLetters();
        List<ResetRequested> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(reset(i == 2 ? "nul" : "fine-" + i));
        }
        for (ResetRequested event : events) {
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        }
        List<Boolean> healthSeen = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<ConsumerLoop<ResetRequested>> loopRef =
                new java.util.concurrent.atomic.AtomicReference<>();

        // PostgreSQL's own refusal: text may not hold U+0000 (SQLSTATE 22021)
        loopRef.set(startLoop(topic, (tx, batch) -> {
            if (loopRef.get() != null) {
                healthSeen.add(loopRef.get().health().up());
            }
            try (PreparedStatement insert = tx.prepareStatement("INSERT INTO msgtest.handled (event_id) VALUES (?)")) {
                for (Delivery<ResetRequested> delivery : batch) {
                    String suffix = delivery.event().stage().equals("nul") ? "\u0000" : "";
                    insert.setString(1, delivery.eventId() + suffix);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }));

        Await.until("offsets committed past all five", Duration.ofSeconds(30), () -> committedOffset(topic) == 5L);
        List<ConsumerRecord<byte[], byte[]>> dead = TestKafka.read(Topics.deadLetter(topic, SERVICE), 1,
                Duration.ofSeconds(20));
        assertEquals(events.get(2).eventId(), CODEC.decode(dead.get(0).value(), ResetRequested.class).eventId());
        String reason = header(dead.get(0), DeadLetterHeaders.REASON);
        assertTrue(reason.contains("0x00"), "the database's reason: " + reason);
        for (int i : new int[] {0, 1, 3, 4}) {
            assertEquals(1, db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '"
                    + events.get(i).eventId() + "'"), "event " + i + " applied");
        }
        assertEquals(1, TopicContents.all(Topics.deadLetter(topic, SERVICE)).size());
        assertTrue(loopRef.get().health().up());
        assertFalse(healthSeen.contains(false), "readiness never went DOWN: " + healthSeen);
    }

    @Test
    void aRecordThatFailsAloneForNoReasonOfItsOwnIsRetriedNotDeadLettered() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested before = reset("before");
        ResetRequested stuck = reset("stuck");
        ResetRequested after = reset("after");
        for (ResetRequested event : List.of(before, stuck, after)) {
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        }
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicInteger stuckAttempts = new AtomicInteger();
        BatchHandler<ResetRequested> inserting = insertingHandler(new AtomicInteger());

        ConsumerLoop<ResetRequested> loop = startLoop(topic, (tx, batch) -> {
            if (batch.stream().anyMatch(d -> d.eventId().equals(stuck.eventId()))) {
                stuckAttempts.incrementAndGet();
                if (broken.get()) {
                    throw new IllegalStateException("a bug or an outage nobody recognises");
                }
            }
            inserting.handle(tx, batch);
        });

        Await.until("several attempts of the stuck event", Duration.ofSeconds(30), () -> stuckAttempts.get() >= 4);
        assertEquals(1, db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '" + before.eventId() + "'"),
                "the event before it was applied on its own");
        assertEquals(0, db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '" + after.eventId() + "'"),
                "nothing behind it overtakes it");
        assertFalse(loop.health().up());
        assertEquals(0, TopicContents.all(Topics.deadLetter(topic, SERVICE)).size());

        broken.set(false);

        Await.until("offsets committed past all three", Duration.ofSeconds(30), () -> committedOffset(topic) == 3L);
        assertEquals(2, db.count("SELECT count(*) FROM msgtest.handled WHERE event_id IN ('" + stuck.eventId()
                + "','" + after.eventId() + "')"), "both applied once it recovered");
        assertEquals(0, TopicContents.all(Topics.deadLetter(topic, SERVICE)).size());
    }

    @Test
    void aLoopThreadKilledByAnErrorMakesLivenessDownWithItsName() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested event = reset("error-kills-the-loop");
        TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());

        ConsumerLoop<ResetRequested> loop = startLoop(topic, new BatchHandler<>() {
            @Override
            public void check(ResetRequested e) {
                throw new AssertionError("injected into the loop's own thread");
            }

            @Override
            public void handle(java.sql.Connection tx, List<Delivery<ResetRequested>> batch) {
            }
        });

        String thread = "consumer-" + loop.name();
        long start = System.nanoTime();
        Await.until("liveness DOWN naming the loop", Duration.ofSeconds(30),
                () -> !WorkerThreads.liveness().up() && WorkerThreads.liveness().details().getOrDefault(thread, "")
                        .startsWith("DEAD"));
        System.out.printf("liveness DOWN %d ms after the loop started: %s%n", (System.nanoTime() - start) / 1_000_000,
                WorkerThreads.liveness().details().get(thread));
        assertTrue(WorkerThreads.liveness().details().get(thread).contains("injected into the loop's own thread"));
    }

    @Test
    void aClosedLoopIsNoDeath() throws Exception {
        String topic = newTopicWithDeadLetters();
        ConsumerLoop<ResetRequested> loop = startLoop(topic, insertingHandler(new AtomicInteger()));
        String thread = "consumer-" + loop.name();
        Await.until("running", Duration.ofSeconds(30),
                () -> "RUNNING".equals(WorkerThreads.liveness().details().get(thread)));
        closeables.remove(loop);
        loop.close();
        Await.until("gone from the registry", Duration.ofSeconds(30),
                () -> !WorkerThreads.liveness().details().containsKey(thread));
    }

    @Test
    void deadlockIsRetriedNotDeadLettered() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested event = reset("deadlock");
        TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        AtomicInteger attempts = new AtomicInteger();

        startLoop(topic, (tx, batch) -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new SQLException("deadlock detected", "40P01");
            }
            insertingHandler(new AtomicInteger()).handle(tx, batch);
        });

        Await.until("handled after the retries", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '" + event.eventId() + "'") == 1);
        assertEquals(3, attempts.get());
        assertEquals(0, TopicContents.all(Topics.deadLetter(topic, SERVICE)).size());
    }

    @Test
    void preparationRunsBeforeEachTransactionAndAPoisonRecordInItIsTheOnlyOneDeadLettered() throws Exception {
        String topic = newTopicWithDeadLetters();
        ResetRequested first = reset("first");
        ResetRequested bad = reset("prepare-rejects-this");
        ResetRequested last = reset("last");
        for (ResetRequested event : List.of(first, bad, last)) {
            TestKafka.produce(topic, event.key(), CODEC.encode(event), Map.of());
        }
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        BatchHandler<ResetRequested> inserting = insertingHandler(new AtomicInteger());

        startLoop(topic, new BatchHandler<>() {
            @Override
            public void prepare(List<Delivery<ResetRequested>> batch) {
                calls.add("prepare " + batch.stream().map(Delivery::eventId).toList());
                if (batch.stream().anyMatch(d -> d.eventId().equals(bad.eventId()))) {
                    throw new dev.stalewatch.messaging.failure.PoisonRecordException("rejected while preparing");
                }
            }

            @Override
            public void handle(java.sql.Connection tx, List<Delivery<ResetRequested>> batch) throws Exception {
                calls.add("handle " + batch.stream().map(Delivery::eventId).toList());
                inserting.handle(tx, batch);
            }
        });

        Await.until("the good events handled", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM msgtest.handled WHERE event_id IN ('" + first.eventId()
                        + "','" + last.eventId() + "')") == 2);
        List<ConsumerRecord<byte[], byte[]>> dead = TestKafka.read(Topics.deadLetter(topic, SERVICE), 1,
                Duration.ofSeconds(20));
        assertTrue(header(dead.get(0), DeadLetterHeaders.REASON).contains("rejected while preparing"));
        assertEquals(0, db.count("SELECT count(*) FROM msgtest.handled WHERE event_id = '" + bad.eventId() + "'"));
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith("handle ")) {
                assertEquals("prepare " + calls.get(i).substring("handle ".length()), calls.get(i - 1),
                        "every transaction follows the preparation of the same batch: " + calls);
            }
        }
        assertEquals(1, TopicContents.all(Topics.deadLetter(topic, SERVICE)).size());
    }

    private ConsumerLoop<ResetRequested> startLoop(String topic, BatchHandler<ResetRequested> handler) {
        var consumerProps = ConsumerSettings.forGroup(TestKafka.bootstrapServers(), group(topic), "it-" + topic);
        consumerProps.put("session.timeout.ms", 6000);
        KafkaProducer<String, byte[]> dlqProducer = new KafkaProducer<>(
                ProducerSettings.forDeadLetters(TestKafka.bootstrapServers(), "dlq-" + topic));
        ConsumerLoop<ResetRequested> loop = ConsumerLoop.<ResetRequested>builder()
                .name(SERVICE + ":" + topic)
                .topic(topic)
                .consumer(new KafkaConsumer<>(consumerProps))
                .decoder(new EventRecordDecoder<>(CODEC, ResetRequested.class))
                .handler(handler)
                .transactions(new JdbcTransactionRunner(db.dataSource()))
                .processedEvents(new JdbcProcessedEventStore(MessagingDatabase.SCHEMA))
                .deadLetters(new DeadLetterWriter(dlqProducer, SERVICE))
                .backoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .build();
        closeables.add(dlqProducer);
        closeables.add(0, loop);
        loop.start();
        return loop;
    }

    private static BatchHandler<ResetRequested> insertingHandler(AtomicInteger handled) {
        return (tx, batch) -> {
            try (PreparedStatement insert = tx.prepareStatement("INSERT INTO msgtest.handled (event_id) VALUES (?)")) {
                for (Delivery<ResetRequested> delivery : batch) {
                    insert.setString(1, delivery.eventId());
                    insert.addBatch();
                    handled.incrementAndGet();
                }
                insert.executeBatch();
            }
        };
    }

    private static String newTopicWithDeadLetters() {
        String topic = TestKafka.createUniqueTopic("loop", 1);
        TestKafka.createTopic(Topics.deadLetter(topic, SERVICE), 1);
        return topic;
    }

    private static String group(String topic) {
        return "group-" + topic;
    }

    private static long committedOffset(String topic) throws Exception {
        Long offset = committedOffsetOrNull(topic);
        return offset == null ? -1 : offset;
    }

    private static long committedOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group(topic)).partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static Long committedOffsetOrNull(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group(topic))
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata committed = offsets.get(new TopicPartition(topic, 0));
            return committed == null ? null : committed.offset();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ResetRequested reset(String stage) {
        return ResetRequested.create("job", stage, "abcdef0123", List.of("0123456789"), "tester");
    }
}
