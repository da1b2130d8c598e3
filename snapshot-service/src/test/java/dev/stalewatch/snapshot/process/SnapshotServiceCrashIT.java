package dev.stalewatch.snapshot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.kafka.TopicContents;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;

/**
 * The packaged service, killed with SIGKILL in the middle of a stream of 1,000 reports and
 * restarted, loses nothing and duplicates nothing (DESIGN.md §5).
 */
class SnapshotServiceCrashIT {

    private static final int STAGES = 20;
    private static final int VERSIONS = 10;
    private static final int REPORTS_PER_VERSION = 5;
    private static final EventCodec CODEC = new EventCodec();

    @Test
    void killedMidStreamAndRestartedKeepsEverySnapshotAndDuplicatesNoChangeOrEvent() throws Exception {
        String job = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        createTopics();
        TestDatabase database = TestPostgres.freshDatabase(SnapshotServiceCrashIT.class);
        List<VersionObserved> reports = reports(job);
        assertEquals(STAGES * VERSIONS * REPORTS_PER_VERSION, reports.size());

        try (ServiceProcess service = ServiceProcess.fromModule(Path.of("."))
                .name("snapshot-service-crash")
                .env("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl())
                .env("QUARKUS_DATASOURCE_USERNAME", database.user())
                .env("QUARKUS_DATASOURCE_PASSWORD", database.password())
                .env("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers())
                .systemProperty("kafka.session.timeout.ms", "6000")
                .maxHeap("256m")
                .start();
                KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            Thread publisher = new Thread(() -> publishSlowly(producer, reports), "publisher");
            publisher.start();

            await(Duration.ofSeconds(60), () -> count(database, "SELECT count(*) FROM snapshot.snapshot") >= 40);
            service.kill9();
            assertTrue(!service.isAlive(), "the service is gone");
            service.restart();
            publisher.join();

            int expectedSnapshots = STAGES * VERSIONS;
            await(Duration.ofSeconds(90), () -> count(database, "SELECT count(*) FROM snapshot.snapshot")
                    == expectedSnapshots
                    && count(database, "SELECT count(*) FROM snapshot.stage WHERE current_hash = ANY(ARRAY["
                            + newestHashes() + "])") == STAGES
                    && count(database, "SELECT count(*) FROM snapshot.outbox WHERE sent_at IS NULL") == 0);
        }

        assertEquals(0, count(database, "SELECT count(*) FROM (SELECT job_id, stage, old_hash, new_hash"
                + " FROM snapshot.change GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d"), "no duplicate change");
        long changes = count(database, "SELECT count(*) FROM snapshot.change");
        long transitions = count(database, "SELECT count(*) FROM snapshot.change_history");
        assertTrue(changes > 0, "the stream produced changes");

        List<StalewatchEvent> triageRequests = eventsOf(job, Topics.VERSION_CHANGES);
        assertNoDuplicateEvent(triageRequests, e -> ((VersionChanged) e).changeId() + "#" + ((VersionChanged) e).attempt());
        assertEquals(changes, distinctIds(triageRequests), "one VersionChanged per change");

        List<StalewatchEvent> decisions = eventsOf(job, Topics.CHANGE_DECISIONS);
        assertNoDuplicateEvent(decisions, e -> ((ChangeDecided) e).changeId() + "#" + ((ChangeDecided) e).state());
        assertEquals(transitions, distinctIds(decisions), "one ChangeDecided per transition");
    }

    /**
     * The relay may publish a row again after a crash between send and mark; that is the same event
     * (same id), which consumers skip. A second event for the same fact would be a real duplicate.
     */
    private static void assertNoDuplicateEvent(List<StalewatchEvent> events,
            java.util.function.Function<StalewatchEvent, String> fact) {
        Map<String, String> eventIdByFact = new HashMap<>();
        for (StalewatchEvent event : events) {
            String previous = eventIdByFact.putIfAbsent(fact.apply(event), event.eventId());
            if (previous != null && !previous.equals(event.eventId())) {
                throw new AssertionError("two events for " + fact.apply(event) + ": " + previous + ", "
                        + event.eventId());
            }
        }
    }

    private static long distinctIds(List<StalewatchEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        return ids.size();
    }

    private static List<VersionObserved> reports(String job) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(2));
        List<VersionObserved> reports = new ArrayList<>();
        for (int version = 1; version <= VERSIONS; version++) {
            for (int worker = 0; worker < REPORTS_PER_VERSION; worker++) {
                for (int stage = 0; stage < STAGES; stage++) {
                    Map<String, Long> histogram = new HashMap<>();
                    // Results of the two previous versions are still stored: older classes keep results.
                    for (int older = Math.max(1, version - 2); older <= version; older++) {
                        histogram.put(hash(older), 10L * older + worker);
                    }
                    Instant at = start.plusSeconds(60L * version + worker);
                    reports.add(new VersionObserved(UUID.randomUUID().toString(), 1, at, job, "stage" + stage,
                            hash(version), VersionHash.ALGORITHM, "python", source(version), List.of(), histogram,
                            "worker-" + worker));
                }
            }
        }
        return reports;
    }

    private static Source source(int version) {
        return new Source("run", "def run(x):\n    return x + " + version + "\n");
    }

    private static String hash(int version) {
        return VersionHash.compute("python", source(version), List.of());
    }

    private static String newestHashes() {
        return "'" + hash(VERSIONS) + "'";
    }

    private static void publishSlowly(KafkaProducer<String, byte[]> producer, List<VersionObserved> reports) {
        try {
            for (int i = 0; i < reports.size(); i++) {
                VersionObserved report = reports.get(i);
                producer.send(new ProducerRecord<>(Topics.VERSION_OBSERVED, report.key(), CODEC.encode(report)));
                if (i % 50 == 49) {
                    producer.flush();
                    Thread.sleep(150);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<StalewatchEvent> eventsOf(String job, String topic) {
        return TopicContents.withKeyPrefix(topic, job + "/").stream().map(r -> CODEC.decode(r.value())).toList();
    }

    private static void createTopics() {
        for (String topic : List.of(Topics.VERSION_OBSERVED, Topics.VERDICTS, Topics.VERSION_CHANGES,
                Topics.CHANGE_DECISIONS, Topics.RESET_REQUESTED)) {
            TestKafka.createTopic(topic, 3);
        }
        TestKafka.createTopic(Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service"), 1);
        TestKafka.createTopic(Topics.deadLetter(Topics.VERDICTS, "snapshot-service"), 1);
    }

    private static long count(TestDatabase database, String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not met within " + timeout);
    }
}
