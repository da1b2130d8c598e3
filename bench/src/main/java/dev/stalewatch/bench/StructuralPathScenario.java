package dev.stalewatch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.stalewatch.bench.BenchTable.Outcome;
import dev.stalewatch.events.Source;
import dev.stalewatch.worker.VersionReporter;

/**
 * Structural path: comment-only edits of N stages reported at a fixed rate; the time from handing the report to
 * the producer until snapshot-service has recorded the ACTIVE equivalence edge (polled every 10 ms).
 */
final class StructuralPathScenario {

    static final String JOB = "bench-structural";

    private final Stack stack;
    private final Sizes sizes;
    private final BenchTable table;

    StructuralPathScenario(Stack stack, Sizes sizes, BenchTable table) {
        this.stack = stack;
        this.sizes = sizes;
        this.table = table;
    }

    /**
     * Edits before the measured ones, at half the rate. Code run once per change is compiled only after it ran
     * some times (the services' JIT), and the broker in the bench JVM is still compiling its hot paths: with 20
     * warm-up edits at 10/s the p99 measured 0.3–0.7 s, with these 100 at 25/s 0.2–0.33 s (docs/performance.md).
     */
    static final int WARM_UP = 100;

    /** Changes per second from the first report to the last equivalence recorded, in the last measure(). */
    private double drained;
    /** Wall-clock send time per stage, to line up with the services' transaction timestamps. */
    private final Map<String, Long> sentWallMillis = new HashMap<>();

    void run() throws Exception {
        int n = sizes.structuralChanges();
        measure(JOB + "-warmup", WARM_UP, Math.max(1, sizes.structuralPerSecond() / 2));
        int llmBefore = stack.llm.received().size();
        Progress.say("structural path: %d comment-only edits at %d/s", n, sizes.structuralPerSecond());
        CpuSplit cpu = CpuSplit.start(stack);
        Map<String, Long> latencyByStage = measure(JOB, n, sizes.structuralPerSecond());
        String split = cpu.describe("the structural path");
        Progress.say("  %s", split);
        table.note("structural path: " + split);
        String hops = hops(JOB);
        Progress.say("  %s", hops);
        table.note("structural path: " + hops);
        report(n, llmBefore, new ArrayList<>(latencyByStage.values()));
    }

    /** Latency in ms per stage: report → ACTIVE equivalence recorded. */
    private Map<String, Long> measure(String job, int n, int perSecond) throws Exception {
        List<String[]> stages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stages.add(new String[] {job, String.format("st%04d", i)});
        }
        Reporting.reportFirstVersions(stack, stages, 10);
        Map<String, Long> sentAt = new HashMap<>();
        sentWallMillis.clear();
        Map<String, Long> recordedAt = new HashMap<>();
        long interval = 1_000_000_000L / perSecond;
        try (VersionReporter reporter = Reporting.reporter("bench-w1");
                Connection c = stack.connect();
                PreparedStatement poll = c.prepareStatement("SELECT id, stage FROM snapshot.equivalence"
                        + " WHERE job_id = ? AND id > ? AND state = 'ACTIVE' ORDER BY id")) {
            poll.setString(1, job);
            long lastId = 0;
            long start = System.nanoTime();
            int sent = 0;
            long deadline = start + Duration.ofMinutes(3).toNanos();
            while (recordedAt.size() < n) {
                long now = System.nanoTime();
                while (sent < n && now >= start + sent * interval) {
                    String stage = stages.get(sent)[1];
                    Source edit = PythonStage.commentEdit(stage, 0);
                    sentAt.put(stage, System.nanoTime());
                    sentWallMillis.put(stage, System.currentTimeMillis());
                    reporter.report(job, stage, "python", edit, PythonStage.DEPS,
                            Map.of(PythonStage.hash(PythonStage.version(stage, 0)), 10L));
                    sent++;
                    now = System.nanoTime();
                }
                poll.setLong(2, lastId);
                try (ResultSet rs = poll.executeQuery()) {
                    long seen = System.nanoTime();
                    while (rs.next()) {
                        lastId = rs.getLong(1);
                        recordedAt.putIfAbsent(rs.getString(2), seen);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + recordedAt.size() + " of " + n
                            + " equivalences recorded within 3 minutes");
                }
                Thread.sleep(10);
            }
        }
        long last = recordedAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long first = sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        drained = n / ((last - first) / 1e9);
        Map<String, Long> latencies = new HashMap<>();
        recordedAt.forEach((stage, at) -> latencies.put(stage, (at - sentAt.get(stage)) / 1_000_000));
        return latencies;
    }

    private void report(int n, int llmBefore, List<Long> latencies) {
        long p50 = Stats.percentile(latencies, 50);
        long p99 = Stats.percentile(latencies, 99);
        int llmRequests = stack.llm.received().size() - llmBefore;
        Progress.say("structural path: p50 %d ms, p99 %d ms, max %d ms, %d LLM requests, %.1f changes/s through",
                p50, p99, Stats.percentile(latencies, 100), llmRequests, drained);
        String label = "structural path: " + n + " comment-only edits at " + sizes.structuralPerSecond()
                + "/s (after " + WARM_UP + " warm-up edits at " + Math.max(1, sizes.structuralPerSecond() / 2) + "/s)";
        table.add(label, "VersionObserved → equivalence recorded p50", Stats.ms(p50), "", "", "", Outcome.INFO);
        table.add(label, "VersionObserved → equivalence recorded p99", Stats.ms(p99), "", "", "p99 ≤ 500 ms",
                Outcome.of(p99 <= 500));
        table.add(label, "throughput: first report → last equivalence", Stats.count(drained) + " changes/s",
                "offered " + sizes.structuralPerSecond() + "/s", Stats.ratio(drained, sizes.structuralPerSecond()), "",
                Outcome.INFO);
        table.add(label, "LLM requests", Integer.toString(llmRequests), "", "", "0 (proof only)",
                Outcome.of(llmRequests == 0));
    }

    /**
     * Where each change's time went, from the transaction timestamps the services write: report → change created
     * (snapshot-service's ingest transaction), → verdict decided (triage-service), → equivalence recorded
     * (snapshot-service's verdict transaction). PostgreSQL's now() is the start of each transaction.
     */
    private String hops(String job) throws Exception {
        List<Long> toChange = new ArrayList<>();
        List<Long> toVerdict = new ArrayList<>();
        List<Long> toEquivalence = new ArrayList<>();
        try (Connection c = stack.connect();
                PreparedStatement q = c.prepareStatement("SELECT c.stage,"
                        + " (extract(epoch FROM c.created_at) * 1000)::bigint,"
                        + " (extract(epoch FROM v.decided_at) * 1000)::bigint,"
                        + " (extract(epoch FROM e.created_at) * 1000)::bigint"
                        + " FROM snapshot.change c JOIN triage.verdict v ON v.change_id = c.change_id"
                        + " JOIN snapshot.equivalence e ON e.change_id = c.change_id"
                        + " WHERE c.job_id = ? AND e.state = 'ACTIVE'")) {
            q.setString(1, job);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Long sent = sentWallMillis.get(rs.getString(1));
                    if (sent == null) {
                        continue;
                    }
                    toChange.add(rs.getLong(2) - sent);
                    toVerdict.add(rs.getLong(3) - rs.getLong(2));
                    toEquivalence.add(rs.getLong(4) - rs.getLong(3));
                }
            }
        }
        return String.format(java.util.Locale.ROOT, "hops (p50/p99 ms over %d changes): report → change created %d/%d,"
                + " → verdict decided %d/%d, → equivalence recorded %d/%d", toChange.size(),
                Stats.percentile(toChange, 50), Stats.percentile(toChange, 99), Stats.percentile(toVerdict, 50),
                Stats.percentile(toVerdict, 99), Stats.percentile(toEquivalence, 50),
                Stats.percentile(toEquivalence, 99));
    }
}
