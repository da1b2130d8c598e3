package dev.stalewatch.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.stalewatch.bench.BenchTable.Outcome;
import dev.stalewatch.testkit.stub.PushoverMessage;
import dev.stalewatch.worker.VersionReporter;

/**
 * Semantic path (the stub LLM answers semantic at once, digest window 0): semantic edits of N stages, each in a
 * job of its own, reported at a fixed rate; the time until the Pushover stub received the push for its job.
 */
final class SemanticPathScenario {

    static final String JOB_PREFIX = "bench-semantic-";

    private final Stack stack;
    private final Sizes sizes;
    private final BenchTable table;

    SemanticPathScenario(Stack stack, Sizes sizes, BenchTable table) {
        this.stack = stack;
        this.sizes = sizes;
        this.table = table;
    }

    static final int WARM_UP = 10;

    void run() throws Exception {
        int n = sizes.semanticChanges();
        // warm-up: the first LLM calls and pushes of fresh JVMs pay class loading and connection set-up
        measure(JOB_PREFIX + "wu-", WARM_UP, sizes.semanticPerSecond());
        Progress.say("semantic path: %d semantic edits at %d/s", n, sizes.semanticPerSecond());
        List<Long> latencies = new ArrayList<>(measure(JOB_PREFIX, n, sizes.semanticPerSecond()).values());
        report(n, latencies);
    }

    /** Latency in ms per job: report → push received by the stub. */
    private Map<String, Long> measure(String prefix, int n, int perSecond) throws Exception {
        List<String[]> stages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("%04d", i);
            // a stage name of its own: the verdict cache is content-keyed, every change must reach the LLM
            stages.add(new String[] {prefix + id, "extract_" + prefix.replace('-', '_') + id});
        }
        Reporting.reportFirstVersions(stack, stages, 10);
        int pushesBefore = stack.pushover.messages().size();
        Map<String, Long> sentAt = new HashMap<>();
        Map<String, Long> pushedAt = new HashMap<>();
        long interval = 1_000_000_000L / perSecond;
        try (VersionReporter reporter = Reporting.reporter("bench-w1")) {
            long start = System.nanoTime();
            long deadline = start + java.time.Duration.ofMinutes(3).toNanos();
            int sent = 0;
            while (pushedAt.size() < n) {
                long now = System.nanoTime();
                while (sent < n && now >= start + sent * interval) {
                    String job = stages.get(sent)[0];
                    String stage = stages.get(sent)[1];
                    sentAt.put(job, System.nanoTime());
                    reporter.report(job, stage, "python", PythonStage.semanticEdit(stage, 0), PythonStage.DEPS,
                            Map.of(PythonStage.hash(PythonStage.version(stage, 0)), 10L));
                    sent++;
                    now = System.nanoTime();
                }
                List<PushoverMessage> messages = stack.pushover.messages();
                long seen = System.nanoTime();
                for (PushoverMessage m : messages.subList(pushesBefore, messages.size())) {
                    String title = m.title() == null ? "" : m.title();
                    int at = title.indexOf(prefix);
                    if (at >= 0 && title.length() >= at + prefix.length() + 4) {
                        String job = title.substring(at, at + prefix.length() + 4);
                        if (sentAt.containsKey(job)) {
                            pushedAt.putIfAbsent(job, seen);
                        }
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + pushedAt.size() + " of " + n
                            + " pushes within 3 minutes");
                }
                Thread.sleep(10);
            }
        }
        Map<String, Long> latencies = new HashMap<>();
        pushedAt.forEach((job, at) -> latencies.put(job, (at - sentAt.get(job)) / 1_000_000));
        return latencies;
    }

    private void report(int n, List<Long> latencies) {
        long p50 = Stats.percentile(latencies, 50);
        long p99 = Stats.percentile(latencies, 99);
        Progress.say("semantic path: p50 %d ms, p99 %d ms, max %d ms", p50, p99, Stats.percentile(latencies, 100));
        String label = "semantic path: " + n + " semantic edits at " + sizes.semanticPerSecond()
                + "/s (stub LLM, digest off, after " + WARM_UP + " warm-up edits)";
        table.add(label, "VersionObserved → push received p50", Stats.ms(p50), "", "", "", Outcome.INFO);
        table.add(label, "VersionObserved → push received p99", Stats.ms(p99), "", "", "p99 ≤ 1,000 ms",
                Outcome.of(p99 <= 1000));
    }
}
