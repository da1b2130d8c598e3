package dev.stalewatch.snapshot.process;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;

/**
 * A deterministic stream of reports: {@code stages} stages of one job each move through
 * {@code versions} versions, every version reported by {@code workers} workers, with older results
 * still stored for the two previous versions.
 */
final class ReportStream {

    private final int stages;
    private final int versions;
    private final int workers;
    private final Map<String, Integer> versionOfHash = new HashMap<>();

    ReportStream(int stages, int versions, int workers) {
        this.stages = stages;
        this.versions = versions;
        this.workers = workers;
        for (int v = 1; v <= versions; v++) {
            versionOfHash.put(hash(v), v);
        }
    }

    List<VersionObserved> reports(String job) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(2));
        List<VersionObserved> reports = new ArrayList<>();
        for (int version = 1; version <= versions; version++) {
            for (int worker = 0; worker < workers; worker++) {
                for (int stage = 0; stage < stages; stage++) {
                    Map<String, Long> histogram = new HashMap<>();
                    for (int older = Math.max(1, version - 2); older <= version; older++) {
                        histogram.put(hash(older), 10L * older + worker);
                    }
                    reports.add(new VersionObserved(UUID.randomUUID().toString(), 1,
                            start.plusSeconds(60L * version + worker), job, "stage" + stage, hash(version),
                            VersionHash.ALGORITHM, "python", source(version), List.of(), histogram,
                            "worker-" + worker));
                }
            }
        }
        return reports;
    }

    int size() {
        return stages * versions * workers;
    }

    int stages() {
        return stages;
    }

    int versions() {
        return versions;
    }

    /** Which version of the stream a hash is; null for a hash not in it. */
    Integer versionOf(String hash) {
        return versionOfHash.get(hash);
    }

    static Source source(int version) {
        return new Source("run", "def run(x):\n    return x + " + version + "\n");
    }

    static String hash(int version) {
        return VersionHash.compute("python", source(version), List.of());
    }
}
