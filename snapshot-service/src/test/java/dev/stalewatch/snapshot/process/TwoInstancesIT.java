package dev.stalewatch.snapshot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;

/**
 * Two replicas on one database and one consumer group behave as one (docs/architecture.md): the same
 * stream of 1,000 reports and the verdicts answering them, consumed at once by a single replica
 * (its own database and group) and by a pair, ends in the same state, and neither publishes an
 * event twice.
 */
class TwoInstancesIT {

    private static final ReportStream STREAM = new ReportStream(10, 10, 10);
    /** The pair numbers its changes from here, so a verdict finds its change in one database only. */
    private static final int PAIR_FIRST_CHANGE = 500_000;
    private static final EventCodec CODEC = new EventCodec();

    @Test
    void aPairOfReplicasEndsInTheSameStateAsOneReplicaAndPublishesNothingTwice() throws Exception {
        String job = "pair-" + UUID.randomUUID().toString().substring(0, 8);
        PackagedSnapshotService.createTopics();
        TestDatabase single = TestPostgres.freshDatabase("single");
        TestDatabase pair = TestPostgres.freshDatabase("pair");
        List<VersionObserved> reports = STREAM.reports(job);
        String reportIds = sqlArray(reports.stream().map(VersionObserved::eventId).toList());

        try (ServiceProcess one = PackagedSnapshotService.start("single", single, "single-" + job);
                ServiceProcess pairA = PackagedSnapshotService.start("pair-a", pair, "pair-" + job);
                ServiceProcess pairB = PackagedSnapshotService.start("pair-b", pair, "pair-" + job);
                KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
            execute(pair, "ALTER SEQUENCE snapshot.change_number RESTART WITH " + PAIR_FIRST_CHANGE);
            for (VersionObserved report : reports) {
                producer.send(new ProducerRecord<>(Topics.VERSION_OBSERVED, report.key(), CODEC.encode(report)));
            }
            producer.flush();
            for (TestDatabase db : List.of(single, pair)) {
                PackagedSnapshotService.await("all reports applied", Duration.ofSeconds(120),
                        () -> PackagedSnapshotService.count(db, "SELECT count(*) FROM snapshot.processed_event"
                                + " WHERE event_id = ANY(" + reportIds + ")") == reports.size());
            }

            List<String> verdictIds = new ArrayList<>();
            Set<String> answered = new HashSet<>();
            for (int round = 0; round < 10; round++) {
                awaitQuiet(single, pair, verdictIds);
                List<VersionChanged> requests = OutputEvents.of(Topics.VERSION_CHANGES, job, VersionChanged.class,
                        r -> !answered.contains(r.changeId() + "#" + r.attempt()));
                if (requests.isEmpty()) {
                    break;
                }
                for (VersionChanged request : requests) {
                    if (answered.add(request.changeId() + "#" + request.attempt())) {
                        TriageVerdict verdict = answer(request);
                        verdictIds.add(verdict.eventId());
                        producer.send(new ProducerRecord<>(Topics.VERDICTS, verdict.key(), CODEC.encode(verdict)));
                    }
                }
                producer.flush();
            }
            assertTrue(answered.size() > 0, "the stream asked for triage");
            assertTrue(pairA.isAlive() && pairB.isAlive(), "both replicas kept running");
        }

        assertSameRows(dump(single, job), dump(pair, job));

        long pairChanges = PackagedSnapshotService.count(pair,
                "SELECT count(*) FROM snapshot.change WHERE job_id = '" + job + "'");
        List<VersionChanged> pairRequests = OutputEvents.of(Topics.VERSION_CHANGES, job, VersionChanged.class,
                r -> changeNumber(r.changeId()) >= PAIR_FIRST_CHANGE);
        OutputEvents.assertNoDuplicateEvent(pairRequests, r -> r.changeId() + "#" + r.attempt());
        assertEquals(pairChanges, OutputEvents.distinctIds(pairRequests), "one VersionChanged per change");
        List<ChangeDecided> pairDecisions = OutputEvents.of(Topics.CHANGE_DECISIONS, job, ChangeDecided.class,
                d -> changeNumber(d.changeId()) >= PAIR_FIRST_CHANGE);
        OutputEvents.assertNoDuplicateEvent(pairDecisions, d -> d.changeId() + "#" + d.state());
        assertEquals(PackagedSnapshotService.count(pair, "SELECT count(*) FROM snapshot.change_history h"
                + " JOIN snapshot.change c ON c.change_id = h.change_id WHERE c.job_id = '" + job + "'"),
                OutputEvents.distinctIds(pairDecisions), "one ChangeDecided per transition");
    }

    /** A deterministic triage: moving to an even version is cosmetic, to an odd one semantic. */
    private static TriageVerdict answer(VersionChanged request) {
        Integer version = STREAM.versionOf(request.newHash());
        boolean cosmetic = version != null && version % 2 == 0;
        return new TriageVerdict(UUID.randomUUID().toString(), 1, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                request.changeId(), request.attempt(), request.jobId(), request.stage(), request.oldHash(),
                request.newHash(), request.staleItems(), cosmetic ? Verdict.COSMETIC : Verdict.SEMANTIC,
                cosmetic ? Method.STRUCTURAL : Method.LLM, null, cosmetic ? "layout only" : "logic changed");
    }

    private static void awaitQuiet(TestDatabase single, TestDatabase pair, List<String> verdictIds)
            throws Exception {
        String ids = sqlArray(verdictIds);
        for (TestDatabase db : List.of(single, pair)) {
            PackagedSnapshotService.await("verdicts applied and outbox drained", Duration.ofSeconds(120),
                    () -> PackagedSnapshotService.count(db, "SELECT count(*) FROM snapshot.processed_event"
                            + " WHERE event_id = ANY(" + ids + ")") == verdictIds.size()
                            && PackagedSnapshotService.count(db,
                                    "SELECT count(*) FROM snapshot.outbox WHERE sent_at IS NULL") == 0);
        }
    }

    /** The state that must not depend on how many replicas ran; change ids and times left out. */
    private static List<String> dump(TestDatabase db, String job) throws Exception {
        String ofJob = " WHERE job_id = '" + job + "'";
        List<String> rows = new ArrayList<>();
        rows.addAll(query(db, "SELECT 'stage', stage, current_hash, stale_items FROM snapshot.stage" + ofJob
                + " ORDER BY stage"));
        rows.addAll(query(db, "SELECT 'snapshot', stage, version_hash FROM snapshot.snapshot" + ofJob
                + " ORDER BY stage, version_hash"));
        rows.addAll(query(db, "SELECT 'histogram', stage, version_hash, items FROM snapshot.result_count" + ofJob
                + " ORDER BY stage, version_hash"));
        rows.addAll(query(db, "SELECT 'change', stage, old_hash, new_hash, state, attempt, deploy, verdict, method,"
                + " stale_items FROM snapshot.change" + ofJob + " ORDER BY stage, id"));
        rows.addAll(query(db, "SELECT 'edge', stage, old_hash, new_hash, state, method FROM snapshot.equivalence"
                + ofJob + " ORDER BY stage, id"));
        return rows;
    }

    private static void assertSameRows(List<String> single, List<String> pair) {
        for (int i = 0; i < Math.min(single.size(), pair.size()); i++) {
            assertEquals(single.get(i), pair.get(i), "row " + i + " differs between one replica and two");
        }
        assertEquals(single.size(), pair.size(), "the pair ends with as many rows as the single replica");
        assertTrue(single.stream().anyMatch(r -> r.startsWith("change")), "the comparison covers changes");
    }

    private static List<String> query(TestDatabase db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int changeNumber(String changeId) {
        return Integer.parseInt(changeId.substring(2));
    }

    private static String sqlArray(List<String> ids) {
        return ids.isEmpty() ? "ARRAY[]::text[]"
                : ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "ARRAY[", "]"));
    }
}
