package dev.stalewatch.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.stalewatch.bench.BenchTable.Outcome;
import dev.stalewatch.testkit.process.ServiceProcess;

/**
 * Footprint: RSS of each service after the ingest run and process start to ready, with the stack's JVM flags,
 * against the minimal Quarkus REST app ({@code testkit/fixture-app}) with the same flags, in the same run.
 */
final class FootprintScenario {

    private final Stack stack;
    private final BenchTable table;
    private long fixtureReadyMs;
    private long fixtureRssKib;
    private final Map<String, Long> rssAfterIngest = new LinkedHashMap<>();

    FootprintScenario(Stack stack, BenchTable table) {
        this.stack = stack;
        this.table = table;
    }

    /** Starts and stops the minimal app; before the services, so that it meets the same idle machine. */
    void measureMinimalApp() {
        ServiceProcess.Builder builder = stack.jvm(ServiceProcess.fromJar(
                stack.root.resolve("testkit/fixture-app/target/quarkus-app/quarkus-run.jar")), "fixture-app");
        long t = System.nanoTime();
        try (ServiceProcess app = builder.start()) {
            fixtureReadyMs = (System.nanoTime() - t) / 1_000_000;
            fixtureRssKib = Stack.rssKib(app.pid());
        }
        Progress.say("minimal Quarkus REST app: ready in %d ms, RSS %s", fixtureReadyMs, Stats.mb(fixtureRssKib));
    }

    void sampleAfterIngest() {
        for (ServiceProcess s : stack.services()) {
            rssAfterIngest.put(name(s), Stack.rssKib(s.pid()));
        }
        Progress.say("RSS after ingest: %s", rssAfterIngest.entrySet().stream()
                .map(e -> e.getKey() + " " + Stats.mb(e.getValue())).toList());
    }

    void report() {
        String label = "footprint (-Xmx" + Stack.MAX_HEAP + " " + String.join(" ", Stack.SERVICE_JVM_FLAGS)
                + (System.getenv("BENCH_JVM_FLAGS") == null ? " -XX:CompileThresholdScaling=0.25 or 0.1" : "") + ")";
        for (Map.Entry<String, Long> e : rssAfterIngest.entrySet()) {
            table.add(label, e.getKey() + " RSS after the ingest run", Stats.mb(e.getValue()),
                    "minimal app " + Stats.mb(fixtureRssKib), Stats.ratio(e.getValue(), fixtureRssKib), "≤ 300 MB",
                    Outcome.of(e.getValue() <= 300 * 1024));
        }
        for (Map.Entry<String, Long> e : stack.readyMillis.entrySet()) {
            table.add(label, e.getKey() + " process start → ready", Stats.ms(e.getValue()),
                    "minimal app " + Stats.ms(fixtureReadyMs), Stats.ratio(e.getValue(), fixtureReadyMs), "≤ 2,500 ms",
                    Outcome.of(e.getValue() <= 2500));
        }
        for (ServiceProcess s : stack.services()) {
            table.note("RSS of " + name(s) + " at the end of the run: " + Stats.mb(Stack.rssKib(s.pid())));
        }
    }

    private String name(ServiceProcess s) {
        return s == stack.snapshot ? "snapshot-service" : s == stack.triage ? "triage-service" : "notifier-service";
    }
}
