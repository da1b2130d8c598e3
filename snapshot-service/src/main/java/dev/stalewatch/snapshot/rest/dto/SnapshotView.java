package dev.stalewatch.snapshot.rest.dto;

import java.time.Instant;
import java.util.List;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;
import dev.stalewatch.snapshot.store.SnapshotRecord;

/** A stored version of a stage's code. */
public record SnapshotView(String jobId, String stage, String versionHash, String hashAlgorithm, String language,
        Source source, List<Dep> deps, Instant firstObservedAt) {

    public static SnapshotView of(SnapshotRecord r) {
        return new SnapshotView(r.jobId(), r.stage(), r.versionHash(), r.hashAlgorithm(), r.language(), r.source(),
                r.deps(), r.firstObservedAt());
    }
}
