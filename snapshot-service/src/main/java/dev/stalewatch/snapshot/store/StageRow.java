package dev.stalewatch.snapshot.store;

import java.time.Instant;

/**
 * The locked stage row, with when the current version was first observed (null without a current
 * version, or where the reading query does not need it).
 */
public record StageRow(String jobId, String stage, String currentHash, Instant histogramObservedAt, long staleItems,
        Instant currentFirstObservedAt) {
}
