package dev.stalewatch.e2e.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.stalewatch.e2e.RunningSystem;
import dev.stalewatch.e2e.StageCode;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.testkit.kafka.TopicContents;
import dev.stalewatch.testkit.stub.PushoverMessage;

/**
 * What a fault test's workload left behind, read where it is kept: snapshots and changes in snapshot-service's
 * tables, verdicts on their topic, notifications and deliveries in the notifier's tables, pushes at the
 * Pushover stub. "Settled" means nothing more can happen: every change decided, every notification in a
 * push, every delivery SENT, so a duplicate could not still be on its way.
 */
final class Ledger {

    private static final EventCodec CODEC = new EventCodec();

    private final RunningSystem system;
    private final Workload workload;

    Ledger(RunningSystem system, Workload workload) {
        this.system = system;
        this.workload = workload;
    }

    long storedSnapshots() {
        return count("SELECT count(*) FROM snapshot.snapshot WHERE job_id LIKE ?");
    }

    long currentStages() {
        return count("SELECT count(*) FROM snapshot.stage WHERE job_id LIKE ? AND current_hash IS NOT NULL");
    }

    long changes() {
        return count("SELECT count(*) FROM snapshot.change WHERE job_id LIKE ?");
    }

    long decidedChanges() {
        return count("SELECT count(*) FROM snapshot.change WHERE job_id LIKE ? AND state <> 'TRIAGING'");
    }

    long pushedNotifications() {
        return count("SELECT count(*) FROM notifier.notification WHERE job_id LIKE ? AND push_id IS NOT NULL");
    }

    long unsentDeliveries() {
        return count("SELECT count(*) FROM notifier.delivery d JOIN notifier.push p ON p.id = d.push_id "
                + "WHERE p.job_id LIKE ? AND d.state <> 'SENT'");
    }

    /** When each push's delivery was recorded as sent, by the push's title. */
    Map<String, java.time.Instant> sentAtByTitle() {
        Map<String, java.time.Instant> sent = new TreeMap<>();
        query("SELECT p.title, d.sent_at FROM notifier.delivery d JOIN notifier.push p ON p.id = d.push_id "
                + "WHERE p.job_id LIKE ? AND d.sent_at IS NOT NULL",
                rs -> sent.put(rs.getString(1), rs.getTimestamp(2).toInstant()));
        return sent;
    }

    /** Changes per stage, for the stages that have a count other than one. */
    Map<String, Long> stagesWithoutExactlyOneChange() {
        Map<String, Long> counts = new TreeMap<>();
        workload.stages().forEach(stage -> counts.put(stage.key(), 0L));
        query("SELECT job_id || '/' || stage, count(*) FROM snapshot.change WHERE job_id LIKE ? GROUP BY 1",
                rs -> counts.put(rs.getString(1), rs.getLong(2)));
        counts.values().removeIf(n -> n == 1);
        return counts;
    }

    /** Verdicts on their topic per (change, attempt), original records only (no test-made copies). */
    Map<String, Long> verdictsPerChangeAttempt() {
        List<ConsumerRecord<byte[], byte[]>> records = TopicContents.all(system.bootstrapServers(), Topics.VERDICTS);
        return records.stream()
                .filter(record -> record.headers().lastHeader(EchoRelay.COPY_HEADER) == null)
                .map(record -> CODEC.decode(record.value()))
                .filter(event -> event instanceof TriageVerdict verdict
                        && verdict.jobId().startsWith(workload.jobPrefix()))
                .map(event -> (TriageVerdict) event)
                .collect(Collectors.groupingBy(v -> v.changeId() + "#" + v.attempt(), TreeMap::new,
                        Collectors.counting()));
    }

    /** Pushes naming each stage of the workload (a digest names its stages in the message). */
    Map<String, Long> pushesPerStage() {
        List<PushoverMessage> ours = ours();
        Map<String, Long> counts = new TreeMap<>();
        for (Workload.Stage stage : workload.stages()) {
            counts.put(stage.key(), ours.stream().filter(push -> push.title().contains(stage.job() + ":")
                    || push.title().contains(stage.job() + "/"))
                    .filter(push -> push.title().contains(stage.stage()) || push.message().contains(stage.stage()))
                    .count());
        }
        return counts;
    }

    long pushes() {
        return ours().size();
    }

    /** The pushes of this workload's jobs. */
    List<PushoverMessage> ours() {
        return system.pushover.messages().stream()
                .filter(push -> push.title() != null && push.title().contains(workload.jobPrefix())).toList();
    }

    long llmRequests() {
        return system.llm.received().stream().filter(request -> workload.stages().stream()
                .anyMatch(stage -> request.body().toString().contains(StageCode.function(stage.stage())))).count();
    }

    boolean settled() {
        int stages = workload.stages().size();
        return decidedChanges() == stages && changes() == stages && pushedNotifications() == stages
                && unsentDeliveries() == 0;
    }

    void awaitSettled(Duration timeout) {
        try {
            await("every change decided, in a push and delivered", timeout, this::settled);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + String.format(": of %d stages, %d changes, %d decided, %d "
                    + "notifications in a push, %d deliveries not sent", workload.stages().size(), changes(),
                    decidedChanges(), pushedNotifications(), unsentDeliveries()), e);
        }
    }

    /** The exactly-once checks every scenario ends with, printed as one line of figures. */
    void assertEachEffectOnce(String scenario, long reportsIn, int expectedSnapshots) {
        Map<String, Long> verdicts = verdictsPerChangeAttempt();
        Map<String, Long> pushes = pushesPerStage();
        long duplicatePushes = pushes.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        long missingPushes = pushes.values().stream().filter(n -> n == 0).count();
        System.out.printf("[fault] %s: %d reports in; %d snapshots, %d changes, %d verdicts (%d twice), "
                + "%d pushes for %d jobs (%d stages missing, %d duplicate), %d LLM requests%n", scenario, reportsIn,
                storedSnapshots(), changes(), verdicts.size(),
                verdicts.values().stream().filter(n -> n > 1).count(), pushes(), workload.jobs(), missingPushes,
                duplicatePushes, llmRequests());
        assertEquals(expectedSnapshots, storedSnapshots(), "snapshots stored");
        assertEquals(Map.of(), stagesWithoutExactlyOneChange(), "stages without exactly one change");
        assertEquals(workload.stages().size(), verdicts.size(), "(change, attempt) pairs with a verdict");
        assertEquals(Map.of(), verdicts.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "verdicts published twice");
        assertEquals(Map.of(), pushes.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "stages not pushed exactly once");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        long[] result = new long[1];
        query(sql, rs -> result[0] = rs.getLong(1));
        return result[0];
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Connection connection = system.database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, workload.jobPrefix() + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + sql + ": " + e.getMessage(), e);
        }
    }
}
