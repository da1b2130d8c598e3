package dev.stalewatch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.stalewatch.events.Source;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.worker.VersionReporter;

/** What the latency scenarios share: a worker reporting first versions, and waiting for the database to agree. */
final class Reporting {

    private Reporting() {
    }

    static VersionReporter reporter(String worker) {
        return VersionReporter.builder().bootstrapServers(TestKafka.bootstrapServers()).workerId(worker).build();
    }

    /** Reports version 0 of each (job, stage) with {@code items} results and waits until each is current. */
    static void reportFirstVersions(Stack stack, List<String[]> jobStages, long items) throws Exception {
        try (VersionReporter reporter = reporter("bench-w0")) {
            for (String[] js : jobStages) {
                Source v0 = PythonStage.version(js[1], 0);
                reporter.report(js[0], js[1], "python", v0, PythonStage.DEPS, Map.of(PythonStage.hash(v0), items));
            }
            reporter.flush();
        }
        try (Connection c = stack.connect();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM snapshot.stage"
                        + " WHERE job_id = ANY (?) AND current_hash IS NOT NULL")) {
            count.setArray(1, c.createArrayOf("text", jobStages.stream().map(js -> js[0]).distinct().toArray()));
            await("first versions current", Duration.ofMinutes(3), () -> {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) >= jobStages.size();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
