package dev.stalewatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.stalewatch.bench.BenchTable.Outcome;
import dev.stalewatch.worker.VersionReporter;

/**
 * Fan-in: 20 workers report the same semantic change at once, each with its own producer. The original plan
 * made one LLM request and one push per worker start (20 and 20); the target is one of each.
 */
final class FanInScenario {

    static final String JOB = "bench-fanin";
    static final String STAGE = "fanin_extract";

    private final Stack stack;
    private final Sizes sizes;
    private final BenchTable table;

    FanInScenario(Stack stack, Sizes sizes, BenchTable table) {
        this.stack = stack;
        this.sizes = sizes;
        this.table = table;
    }

    void run() throws Exception {
        int workers = sizes.fanInWorkers();
        List<String[]> stage = new ArrayList<>();
        stage.add(new String[] {JOB, STAGE});
        Reporting.reportFirstVersions(stack, stage, 500);
        int llmBefore = stack.llm.received().size();
        Progress.say("fan-in: %d workers report one semantic change", workers);
        String original = PythonStage.hash(PythonStage.version(STAGE, 0));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> reports = new ArrayList<>();
        for (int w = 1; w <= workers; w++) {
            String worker = "fanin-worker-" + w;
            reports.add(pool.submit(() -> {
                try (VersionReporter reporter = Reporting.reporter(worker)) {
                    reporter.report(JOB, STAGE, "python", PythonStage.semanticEdit(STAGE, 0), PythonStage.DEPS,
                            Map.of(original, 500L)).await();
                }
                return null;
            }));
        }
        for (Future<?> report : reports) {
            report.get();
        }
        pool.shutdown();
        Reporting.await("the fan-in push", Duration.ofMinutes(1), () -> pushes() >= 1);
        Thread.sleep(3000); // anything more would arrive now: the digest is off, delivery polls every 50 ms
        int llm = stack.llm.received().size() - llmBefore;
        long pushes = pushes();
        Progress.say("fan-in: %d LLM requests, %d pushes", llm, pushes);
        String label = "fan-in: one change reported by " + workers + " workers";
        table.add(label, "LLM requests", Integer.toString(llm), workers + " (original plan)",
                Stats.ratio(llm, workers), "1", Outcome.of(llm == 1));
        table.add(label, "pushes", Long.toString(pushes), workers + " (original plan)", Stats.ratio(pushes, workers),
                "1", Outcome.of(pushes == 1));
    }

    private long pushes() {
        return stack.pushover.messages().stream().filter(m -> m.title() != null && m.title().contains(JOB + "/"))
                .count();
    }
}
