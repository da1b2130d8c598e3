package dev.stalewatch.snapshot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;

/**
 * The packaged service, killed with SIGKILL in the middle of a stream of 1,000 reports and
 * restarted, loses nothing and duplicates nothing (docs/architecture.md).
 */
class SnapshotServiceCrashIT {

    private static final ReportStream STREAM = new ReportStream(20, 10, 5);
    private static final EventCodec CODEC = new EventCodec();

    @Test
    void killedMidStreamAndRestartedKeepsEverySnapshotAndDuplicatesNoChangeOrEvent() throws Exception {
        String job = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        PackagedSnapshotService.createTopics();
        TestDatabase database = TestPostgres.freshDatabase(SnapshotServiceCrashIT.class);
        List<VersionObserved> reports = STREAM.reports(job);
        assertEquals(1000, reports.size());

        try (ServiceProcess service = PackagedSnapshotService.start("snapshot-service-crash", database,
                "snapshot-service");
                KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            Thread publisher = new Thread(() -> publishSlowly(producer, reports), "publisher");
            publisher.start();

            PackagedSnapshotService.await("40 snapshots stored", Duration.ofSeconds(60), () -> PackagedSnapshotService.count(database, "SELECT count(*) FROM snapshot.snapshot") >= 40);
            service.kill9();
            assertTrue(!service.isAlive(), "the service is gone");
            service.restart();
            publisher.join();

            int expectedSnapshots = STREAM.stages() * STREAM.versions();
            PackagedSnapshotService.await("every report applied", Duration.ofSeconds(90), () -> PackagedSnapshotService.count(database, "SELECT count(*) FROM snapshot.snapshot")
                    == expectedSnapshots
                    && PackagedSnapshotService.count(database, "SELECT count(*) FROM snapshot.stage WHERE current_hash = ANY(ARRAY["
                            + "'" + ReportStream.hash(STREAM.versions()) + "'])") == STREAM.stages()
                    && PackagedSnapshotService.count(database, "SELECT count(*) FROM snapshot.outbox WHERE sent_at IS NULL") == 0);
        }

        assertEquals(0, PackagedSnapshotService.count(database, "SELECT count(*) FROM (SELECT job_id, stage, old_hash, new_hash"
                + " FROM snapshot.change WHERE job_id = '" + job + "' GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d"), "no duplicate change");
        long changes = PackagedSnapshotService.count(database,
                "SELECT count(*) FROM snapshot.change WHERE job_id = '" + job + "'");
        long transitions = PackagedSnapshotService.count(database, "SELECT count(*) FROM snapshot.change_history h"
                + " JOIN snapshot.change c ON c.change_id = h.change_id WHERE c.job_id = '" + job + "'");
        assertTrue(changes > 0, "the stream produced changes");

        List<VersionChanged> triageRequests = OutputEvents.of(Topics.VERSION_CHANGES, job, VersionChanged.class, e -> true);
        OutputEvents.assertNoDuplicateEvent(triageRequests, e -> e.changeId() + "#" + e.attempt());
        assertEquals(changes, OutputEvents.distinctIds(triageRequests), "one VersionChanged per change");

        List<ChangeDecided> decisions = OutputEvents.of(Topics.CHANGE_DECISIONS, job, ChangeDecided.class, e -> true);
        OutputEvents.assertNoDuplicateEvent(decisions, e -> e.changeId() + "#" + e.state());
        assertEquals(transitions, OutputEvents.distinctIds(decisions), "one ChangeDecided per transition");
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

}
