package dev.stalewatch.snapshot.store;

import java.time.Instant;
import java.util.List;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;

/** The source of one version of a stage, as stored. */
public record SnapshotRecord(String jobId, String stage, String versionHash, String hashAlgorithm, String language,
        Source source, List<Dep> deps, Instant firstObservedAt, String workerId) {
}
