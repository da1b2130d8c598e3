package dev.stalewatch.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** CPU seconds each process of the stack spent between two points of a scenario: where a figure's time went. */
final class CpuSplit {

    private final Stack stack;
    private final long startNanos = System.nanoTime();
    private final Map<String, Double> before;

    private CpuSplit(Stack stack) {
        this.stack = stack;
        this.before = sample(stack);
    }

    static CpuSplit start(Stack stack) {
        return new CpuSplit(stack);
    }

    private static Map<String, Double> sample(Stack stack) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("snapshot-service", CpuTime.ofPid(stack.snapshot.pid()));
        cpu.put("triage-service", CpuTime.ofPid(stack.triage.pid()));
        cpu.put("notifier-service", CpuTime.ofPid(stack.notifier.pid()));
        cpu.put("PostgreSQL", CpuTime.ofCommand("postgres"));
        cpu.put("bench JVM with the broker", CpuTime.self());
        return cpu;
    }

    /** E.g. "CPU during the run (6.1 s wall): snapshot-service 2.0 s, …". */
    String describe(String what) {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> after = sample(stack);
        return String.format(Locale.ROOT, "CPU during %s (%.1f s wall, 2 cores): ", what, wall)
                + after.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(),
                                e.getValue() - before.get(e.getKey())))
                        .collect(Collectors.joining(", "));
    }
}
